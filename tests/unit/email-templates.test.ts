// Email templates are pure: plain values in, { subject, text, html } out, with every value
// escaped in the HTML and the action as a plain <a href> the dev mailbox (and e2e) can click.
// Also the dev mailbox's link handling, which must never turn an unsafe URL into a link.
import {
  accountExistsEmail,
  escapeHtml,
  invitationEmail,
  resetPasswordEmail,
  roleLabel,
  verificationEmail,
} from "@/lib/email/templates";
import { extractLinks, linkifyText, safeLink } from "@/lib/email/mailbox-links";

const LINK = "https://civitas.example.org/verify-email?token=abc_DEF-123&x=1";
const HOSTILE = `<script>alert("x")</script> & 'friends'`;

describe("escapeHtml", () => {
  test("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });
});

describe.each([
  ["verificationEmail", () => verificationEmail({ name: HOSTILE, link: LINK }), "Verify email"],
  ["resetPasswordEmail", () => resetPasswordEmail({ name: HOSTILE, link: LINK }), "Reset password"],
  [
    "accountExistsEmail",
    () =>
      accountExistsEmail({
        name: HOSTILE,
        signInLink: LINK,
        forgotPasswordLink: "https://civitas.example.org/forgot-password",
      }),
    "Sign in",
  ],
  [
    "invitationEmail",
    () => invitationEmail({ tenantName: HOSTILE, inviterName: HOSTILE, role: "ADMIN", link: LINK }),
    "Accept invitation",
  ],
])("%s", (_name, render, label) => {
  const email = render();

  test("has a subject, a text body and an HTML body", () => {
    expect(email.subject.length).toBeGreaterThan(5);
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.text.length).toBeGreaterThan(20);
    expect(email.html).toMatch(/^<!doctype html>/);
  });

  test(`the action is a plain <a href> named "${label}", and the text carries the same link`, () => {
    expect(email.html).toContain(`<a href="${LINK.replace(/&/g, "&amp;")}"`);
    expect(email.html).toMatch(new RegExp(`>${label}</a>`));
    expect(email.text).toContain(`${label}: ${LINK}`);
    expect(extractLinks(email.html)).toEqual([{ label, href: LINK }]);
  });

  test("user-supplied values are escaped in the HTML and left readable in the text", () => {
    expect(email.html).not.toContain("<script>");
    expect(email.html).not.toContain(`"x"`);
    expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;");
    expect(email.text).toContain(HOSTILE);
  });
});

describe("templates refuse unsafe links", () => {
  test.each(["javascript:alert(1)", "data:text/html,<b>x</b>", "not a url", "/relative/path"])("%s", (link) => {
    expect(() => verificationEmail({ name: "A", link })).toThrow();
  });
});

describe("template details", () => {
  test("verification and reset emails state how long the link lasts", () => {
    expect(verificationEmail({ name: "A", link: LINK, expiresInHours: 24 }).text).toContain("expires in 24 hours");
    expect(resetPasswordEmail({ name: "A", link: LINK, expiresInMinutes: 60 }).text).toContain("expires in 60 minutes");
  });

  test("the invitation names tenant, inviter and role, and counts days from expiresAt", () => {
    const now = new Date("2026-11-22T10:00:00Z");
    const email = invitationEmail({
      tenantName: "Riverside",
      inviterName: "Grace",
      role: "COMPLIANCE",
      link: LINK,
      expiresAt: new Date("2026-11-29T10:00:00Z"),
      now,
    });
    expect(email.subject).toBe("Grace invited you to Riverside on Civitas");
    expect(email.text).toContain("with the role Compliance");
    expect(email.text).toContain("expires in 7 days");
    expect(
      invitationEmail({
        tenantName: "R",
        inviterName: "G",
        role: "VIEWER",
        link: LINK,
        expiresAt: new Date(now.getTime() + 3600_000),
        now,
      }).text,
    ).toContain("expires in 1 day ");
  });

  test("roleLabel", () => {
    expect(["OWNER", "ADMIN", "MEMBER", "VIEWER", "COMPLIANCE"].map(roleLabel)).toEqual([
      "Owner",
      "Admin",
      "Member",
      "Viewer",
      "Compliance",
    ]);
  });

  test("the app name is configurable", () => {
    expect(verificationEmail({ name: "A", link: LINK, appName: "Town Hall" }).subject).toBe(
      "Confirm your email address for Town Hall",
    );
  });
});

describe("dev mailbox links", () => {
  test("safeLink accepts only absolute http(s) URLs", () => {
    expect(safeLink("https://a.test/x")).toBe("https://a.test/x");
    expect(safeLink("http://a.test")).toBe("http://a.test/");
    for (const bad of [
      "javascript:alert(1)",
      "JAVASCRIPT:alert(1)",
      "data:text/html,x",
      "mailto:a@b.test",
      "/x",
      "",
      "vbscript:x",
    ])
      expect(safeLink(bad)).toBeNull();
  });

  test("extractLinks keeps labelled http(s) anchors, decodes entities, drops the rest", () => {
    const html = `
      <a href="https://a.test/v?token=t&amp;x=1" style="color:red">Verify <b>email</b></a>
      <a href="javascript:alert(1)">Click me</a>
      <a href="https://a.test/empty"></a>
      <a class="c" href="https://a.test/v?token=t&amp;x=1">Verify email</a>
      <a href='https://single.test'>single quotes are not ours</a>`;
    expect(extractLinks(html)).toEqual([{ label: "Verify email", href: "https://a.test/v?token=t&x=1" }]);
    expect(extractLinks(null)).toEqual([]);
  });

  test("linkifyText turns http(s) URLs into links and leaves everything else as text", () => {
    expect(linkifyText("Open https://a.test/x?y=1. Or (http://b.test/z), not javascript:alert(1)")).toEqual([
      { kind: "text", value: "Open " },
      { kind: "link", href: "https://a.test/x?y=1" },
      { kind: "text", value: ". Or (" },
      { kind: "link", href: "http://b.test/z" },
      { kind: "text", value: "), not javascript:alert(1)" },
    ]);
    expect(linkifyText("")).toEqual([]);
    expect(linkifyText("no links")).toEqual([{ kind: "text", value: "no links" }]);
  });
});
