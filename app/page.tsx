import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import {
  ArrowRightIcon,
  BuildingIcon,
  ChatIcon,
  DocumentIcon,
  FolderIcon,
  HistoryIcon,
  LockIcon,
  SearchIcon,
  ShieldIcon,
  SparklesIcon,
  UsersIcon,
} from "@/components/ui/icons";
import { Logo } from "@/components/ui/logo";
import { SkipLink } from "@/components/shell/skip-link";
import { ThemeToggle } from "@/components/shell/theme-toggle";

// The landing page describes what the product does today; what is still being built is marked
// "Coming" and not described as available (issue #13), and each AI card says which it is. Copy is kept as data so each section
// stays a short loop rather than a wall of markup.

const coreFeatures = [
  {
    Icon: UsersIcon,
    title: "Citizen records",
    body: "One profile per person: contact details, address, date of birth, consent, tags and your own custom fields. Importing a file flags the people you already have, so duplicates do not pile up.",
  },
  {
    Icon: FolderIcon,
    title: "Case workflow",
    body: "Every request becomes a case with a status from open to closed, an assignee, a priority, a due date and a timeline of notes, so overdue work stands out.",
  },
  {
    Icon: BuildingIcon,
    title: "Many organisations, one platform",
    body: "Each organisation is its own tenant with its own roles. Staff who work for several switch between them, and regions can sit above their municipalities.",
  },
];

// Built: case and citizen summaries, classification (also in bulk), reply drafts, intake, the chat, plain-language list
// search, duplicate review, daily briefings. A feature that is not built is marked "Coming" here (issue #13).
const aiFeatures = [
  {
    Icon: DocumentIcon,
    title: "Case summaries",
    body: "A few clear lines on a long case or on everything a citizen has asked, each fact linked to the case or timeline entry it came from.",
    available: true,
  },
  {
    Icon: SparklesIcon,
    title: "Suggestions and reply drafts",
    body: "A suggested category and priority you accept or reject — for one case, or hundreds at once at half the price — and a reply to the citizen in their language for you to edit.",
    available: true,
  },
  {
    Icon: FolderIcon,
    title: "Cases from a letter",
    body: "Paste a letter or email: the new-case form is filled in for you to check, and a matching citizen is offered, never assumed.",
    available: true,
  },
  {
    Icon: ChatIcon,
    title: "Chat with your records",
    body: "Questions answered from checked, read-only queries over your organisation's data only, with the query and the rows shown.",
    available: true,
  },
  {
    Icon: SearchIcon,
    title: "Plain-language search",
    body: "Ask for “open housing cases from last month” and check the filters it suggests before the list changes.",
    available: true,
  },
  {
    Icon: HistoryIcon,
    title: "Duplicate review",
    body: "Possible duplicates found by matching fields and scored in the open, reviewed side by side and merged with an undo for 30 days; AI only explains the ranking.",
    available: true,
  },
  {
    Icon: SparklesIcon,
    title: "Daily briefings",
    body: "Yesterday's new, resolved and overdue cases and any category that spiked, written up at your time each day, every number a link to the cases behind it.",
    available: true,
  },
];

const safeguards = [
  {
    Icon: HistoryIcon,
    title: "Complete audit trail",
    body: "Every change records who did what, when and from where. The log is append-only and hash-chained, so tampering is detectable.",
  },
  {
    Icon: ShieldIcon,
    title: "GDPR tooling",
    body: "Consent on each record, and a compliance role that reviews the audit log without editing casework.",
  },
  {
    Icon: LockIcon,
    title: "Encryption at rest",
    body: "Sensitive fields such as national ID numbers are encrypted one by one with AES-256-GCM, and keys rotate without downtime.",
  },
  {
    Icon: BuildingIcon,
    title: "Tenant isolation",
    body: "Every query is scoped to your organisation, and the database enforces the same rule underneath with row-level security.",
  },
];

const audiences = [
  {
    title: "Municipalities",
    body: "Residents' requests, from potholes to housing, tracked to resolution across departments.",
  },
  { title: "Constituency offices", body: "Casework for constituents, with a history that survives staff changes." },
  {
    title: "NGOs and agencies",
    body: "Beneficiary records and support cases, with consent and retention handled properly.",
  },
];

export default function HomePage() {
  return (
    <>
      <SkipLink />
      <header className="border-b border-border bg-surface/80 backdrop-blur">
        <div className="mx-auto flex h-16 max-w-6xl items-center gap-4 px-4 sm:px-6">
          <Link href="/" aria-label="Civitas home page" className="rounded-lg">
            <Logo />
          </Link>
          <nav aria-label="Page sections" className="ml-6 hidden md:block">
            <ul className="flex gap-6 text-sm font-medium text-muted-foreground">
              <li>
                <a href="#features" className="rounded hover:text-foreground">
                  Features
                </a>
              </li>
              <li>
                <a href="#ai" className="rounded hover:text-foreground">
                  AI
                </a>
              </li>
              <li>
                <a href="#security" className="rounded hover:text-foreground">
                  Security
                </a>
              </li>
              <li>
                <Link href="/pricing" className="rounded hover:text-foreground">
                  Pricing
                </Link>
              </li>
            </ul>
          </nav>
          <div className="ml-auto flex items-center gap-2 sm:gap-3">
            <ThemeToggle />
            <Link href="/sign-in" className={buttonClasses({ size: "sm" })}>
              Sign in
            </Link>
          </div>
        </div>
      </header>

      <main id="main-content" tabIndex={-1} className="outline-none">
        <section
          aria-labelledby="hero-heading"
          className="mx-auto grid max-w-6xl items-center gap-12 px-4 py-16 sm:px-6 sm:py-24 lg:grid-cols-[1.1fr_1fr]"
        >
          <div>
            <p className="text-sm font-semibold text-brand-700 dark:text-brand-300">
              Citizen records · Casework · Audit trail
            </p>
            <h1
              id="hero-heading"
              className="mt-3 text-4xl font-semibold tracking-tight text-balance text-foreground sm:text-5xl"
            >
              The records and casework platform for organisations that serve the public
            </h1>
            <p className="mt-5 text-lg text-pretty text-muted-foreground">
              Civitas gives municipalities, constituency offices and NGOs one secure place to keep citizen records, run
              casework from first contact to resolution — with every action audited and every organisation&apos;s data
              kept apart.
            </p>
            <div className="mt-8 flex flex-wrap gap-3">
              <Link href="/sign-in" className={buttonClasses({ size: "lg" })}>
                Sign in
                <ArrowRightIcon className="size-4" />
              </Link>
              <a href="#features" className={buttonClasses({ size: "lg", variant: "secondary" })}>
                See what it does
              </a>
            </div>
          </div>
          <ProductPreview />
        </section>

        <section
          id="features"
          aria-labelledby="features-heading"
          className="scroll-mt-4 border-t border-border bg-surface"
        >
          <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-20">
            <SectionIntro
              id="features-heading"
              title="Everything a casework team works with, in one place"
              lead="Records and cases live together, so the person behind a request is always one click away."
            />
            <ul className="mt-10 grid gap-6 md:grid-cols-3">
              {coreFeatures.map(({ Icon, title, body }) => (
                <li key={title} className="rounded-xl border border-border bg-background p-6">
                  <FeatureIcon Icon={Icon} />
                  <h3 className="mt-4 font-semibold text-foreground">{title}</h3>
                  <p className="mt-2 text-sm text-muted-foreground">{body}</p>
                </li>
              ))}
            </ul>
          </div>
        </section>

        <section id="ai" aria-labelledby="ai-heading" className="scroll-mt-4 border-t border-border">
          <div className="mx-auto grid max-w-6xl gap-10 px-4 py-16 sm:px-6 sm:py-20 lg:grid-cols-[1fr_1.4fr]">
            <div>
              <SectionIntro
                id="ai-heading"
                title="AI assistance"
                lead="It reads and drafts so your team does not have to; a person decides. AI is paid for in credits, and every plan includes a monthly allowance."
              />
            </div>
            <ul className="grid gap-4 sm:grid-cols-2">
              {aiFeatures.map(({ Icon, title, body, available }) => (
                <li key={title} className="rounded-xl border border-border bg-surface p-5 shadow-sm">
                  <div className="flex items-start justify-between gap-3">
                    <FeatureIcon Icon={Icon} />
                    <span className="rounded-full border border-border px-2 py-0.5 text-xs font-medium text-muted-foreground">
                      {available ? "Available" : "Coming"}
                    </span>
                  </div>
                  <h3 className="mt-3 font-semibold text-foreground">{title}</h3>
                  <p className="mt-1 text-sm text-muted-foreground">{body}</p>
                </li>
              ))}
            </ul>
          </div>
        </section>

        <section
          id="security"
          aria-labelledby="security-heading"
          className="scroll-mt-4 border-t border-border bg-surface"
        >
          <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-20">
            <SectionIntro
              id="security-heading"
              title="Built for personal data from the start"
              lead="Citizens trust you with their details. Civitas is designed so you can show how that trust is kept."
            />
            <ul className="mt-10 grid gap-6 sm:grid-cols-2">
              {safeguards.map(({ Icon, title, body }) => (
                <li key={title} className="flex gap-4">
                  <FeatureIcon Icon={Icon} />
                  <div>
                    <h3 className="font-semibold text-foreground">{title}</h3>
                    <p className="mt-1 text-sm text-muted-foreground">{body}</p>
                  </div>
                </li>
              ))}
            </ul>
          </div>
        </section>

        <section aria-labelledby="audience-heading" className="border-t border-border">
          <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-20">
            <SectionIntro id="audience-heading" title="Made for public-facing organisations" />
            <ul className="mt-8 grid gap-6 md:grid-cols-3">
              {audiences.map(({ title, body }) => (
                <li key={title} className="border-l-2 border-brand-600 pl-4 dark:border-brand-400">
                  <h3 className="font-semibold text-foreground">{title}</h3>
                  <p className="mt-1 text-sm text-muted-foreground">{body}</p>
                </li>
              ))}
            </ul>
          </div>
        </section>

        <section aria-labelledby="cta-heading" className="border-t border-border bg-brand-950 text-white">
          <div className="mx-auto flex max-w-6xl flex-col items-start gap-6 px-4 py-14 sm:px-6 md:flex-row md:items-center md:justify-between">
            <div>
              <h2 id="cta-heading" className="text-2xl font-semibold tracking-tight">
                Ready to get to work?
              </h2>
              <p className="mt-2 text-brand-100">Sign in with the account your organisation set up for you.</p>
            </div>
            <Link href="/sign-in" className={buttonClasses({ size: "lg", variant: "inverse" })}>
              Sign in
              <ArrowRightIcon className="size-4" />
            </Link>
          </div>
        </section>
      </main>

      <footer className="border-t border-border">
        <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-8 text-sm text-muted-foreground sm:flex-row sm:items-center sm:justify-between sm:px-6">
          <Logo className="text-base" />
          <p>Citizen records and casework for municipalities, constituency offices and NGOs.</p>
        </div>
      </footer>
    </>
  );
}

function SectionIntro({ id, title, lead }: { id: string; title: string; lead?: string }) {
  return (
    <div className="max-w-2xl">
      <h2 id={id} className="text-2xl font-semibold tracking-tight text-balance text-foreground sm:text-3xl">
        {title}
      </h2>
      {lead ? <p className="mt-3 text-muted-foreground">{lead}</p> : null}
    </div>
  );
}

function FeatureIcon({ Icon }: { Icon: typeof UsersIcon }) {
  return (
    <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-brand-700 dark:bg-brand-400/10 dark:text-brand-300">
      <Icon />
    </span>
  );
}

/** A stylised, decorative glimpse of the dashboard; real content is described in the text. */
function ProductPreview() {
  const bars = ["h-6", "h-10", "h-8", "h-14", "h-9", "h-16", "h-12", "h-7", "h-11", "h-15"];
  return (
    <div
      aria-hidden="true"
      className="rounded-2xl border border-border bg-surface p-4 shadow-xl shadow-brand-900/5 sm:p-6"
    >
      <div className="flex items-center gap-2">
        <span className="size-2.5 rounded-full bg-red-400" />
        <span className="size-2.5 rounded-full bg-amber-400" />
        <span className="size-2.5 rounded-full bg-green-400" />
        <span className="ml-3 h-2.5 w-32 rounded-full bg-surface-muted" />
      </div>
      <div className="mt-5 grid grid-cols-3 gap-3">
        {[
          ["Citizens", "4,812"],
          ["Open cases", "137"],
          ["Overdue", "9"],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-border p-3">
            <p className="text-[11px] text-muted-foreground">{label}</p>
            <p className="mt-1 text-lg font-semibold text-foreground tabular-nums">{value}</p>
          </div>
        ))}
      </div>
      <div className="mt-4 rounded-lg border border-border p-3">
        <p className="text-[11px] text-muted-foreground">New cases per day</p>
        <div className="mt-2 flex h-16 items-end gap-1.5">
          {bars.map((height, index) => (
            <span key={index} className={`${height} flex-1 rounded-sm bg-brand-500/80 dark:bg-brand-400/80`} />
          ))}
        </div>
      </div>
      <div className="mt-4 flex flex-col gap-2">
        {[
          ["Streetlight out on Mill Lane", "bg-blue-500"],
          ["Housing benefit appeal", "bg-amber-500"],
          ["School transport request", "bg-green-500"],
        ].map(([title, dot]) => (
          <div key={title} className="flex items-center gap-3 rounded-lg bg-surface-muted px-3 py-2">
            <span className={`size-2 rounded-full ${dot}`} />
            <span className="truncate text-xs text-foreground">{title}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
