// The one frame every email uses: a greeting, a few paragraphs, one button-like link, and a
// quiet footer. Templates pass plain text; this file is the only place that writes markup, and
// it escapes everything it is given. Inline styles only: email clients ignore stylesheets.
import { escapeHtml, safeHref } from "./escape";

export type EmailLayout = {
  /** Shown in the inbox list beside the subject (hidden in the body). */
  preheader: string;
  greeting: string;
  paragraphs: string[];
  /** Labelled links under the paragraphs (the daily briefing's figures, each to its list). */
  links?: Array<{ label: string; url: string }>;
  /** The link the email is for, rendered as a plain <a href> (the e2e tests click it by name). */
  action: { label: string; url: string };
  /** Small print under the link: expiry, "ignore this if it wasn't you". */
  notes: string[];
  appName?: string;
};

export function renderLayout({
  preheader,
  greeting,
  paragraphs,
  links = [],
  action,
  notes,
  appName = "Civitas",
}: EmailLayout): {
  text: string;
  html: string;
} {
  const text =
    [
      greeting,
      ...paragraphs,
      ...(links.length ? [links.map((l) => `${l.label}: ${l.url}`).join("\n")] : []),
      `${action.label}: ${action.url}`,
      ...notes,
      `— ${appName}`,
    ].join("\n\n") + "\n";

  const p = (s: string, style = "margin:0 0 16px") => `<p style="${style}">${escapeHtml(s)}</p>`;
  const href = safeHref(action.url);
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(preheader)}</title></head>
<body style="margin:0;padding:24px;background:#f5f6f8;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:15px;line-height:1.5;color:#1f2937">
<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(preheader)}</div>
<div style="max-width:520px;margin:0 auto;background:#ffffff;border:1px solid #e5e7eb;border-radius:12px;padding:28px">
<p style="margin:0 0 20px;font-weight:600;font-size:17px">${escapeHtml(appName)}</p>
${p(greeting)}
${paragraphs.map((s) => p(s)).join("\n")}
${links.length ? `<ul style="margin:0 0 16px;padding-left:20px">${links.map((l) => `<li style="margin:0 0 4px"><a href="${safeHref(l.url)}" style="color:#2f5bd3">${escapeHtml(l.label)}</a></li>`).join("")}</ul>` : ""}
<p style="margin:24px 0"><a href="${href}" style="display:inline-block;background:#2f5bd3;color:#ffffff;text-decoration:none;font-weight:600;padding:10px 18px;border-radius:8px">${escapeHtml(action.label)}</a></p>
${p("If the button does not work, copy this address into your browser:", "margin:0 0 4px;font-size:13px;color:#4b5563")}
${p(action.url, "margin:0 0 16px;font-size:13px;color:#4b5563;word-break:break-all")}
${notes.map((s) => p(s, "margin:0 0 8px;font-size:13px;color:#4b5563")).join("\n")}
</div>
</body>
</html>
`;
  return { text, html };
}
