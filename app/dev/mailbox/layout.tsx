import Link from "next/link";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { Logo } from "@/components/ui/logo";

/** Frame for the development mailbox; each page checks that the mailbox is enabled. */
export default function MailboxLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-between gap-4 border-b border-border px-4 py-3 sm:px-6">
        <div className="flex items-center gap-3">
          <Link href="/" aria-label="Civitas home page" className="rounded-lg">
            <Logo showWordmark={false} />
          </Link>
          <Link href="/dev/mailbox" className="font-semibold text-foreground">
            Development mailbox
          </Link>
        </div>
        <ThemeToggle />
      </header>
      <main className="mx-auto w-full max-w-4xl flex-1 px-4 py-6 sm:px-6">{children}</main>
    </div>
  );
}
