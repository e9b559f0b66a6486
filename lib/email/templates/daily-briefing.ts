// "Daily briefing for <tenant>: <day>": the stored briefing as email, for a member who opted in.
// It holds what the dashboard shows and nothing more: the SQL figures (each a link to the
// filtered cases list, absolute URLs built by the caller) and the checked sentences with their
// numbers written in, plus category names of spikes. No case, citizen or note.
import type { RenderedEmail } from "../types";
import { renderLayout } from "./layout";

export type DailyBriefingEmailParams = {
  tenantName: string;
  day: string;
  sentences: string[];
  figures: Array<{ label: string; url: string }>;
  dashboardUrl: string;
  settingsUrl: string;
  appName?: string;
};

export function dailyBriefingEmail(p: DailyBriefingEmailParams): RenderedEmail {
  const appName = p.appName ?? "Civitas";
  return {
    subject: `Daily briefing for ${p.tenantName}: ${p.day}`,
    ...renderLayout({
      appName,
      preheader: p.sentences[0] ?? `${p.tenantName} on ${p.day}`,
      greeting: "Hello,",
      paragraphs: [`Here is ${p.tenantName}'s briefing for ${p.day}.`, ...p.sentences],
      links: p.figures,
      action: { label: "Open the dashboard", url: p.dashboardUrl },
      notes: [
        "The sentences are written by AI around figures computed from your cases; the lists behind the figures are the record.",
        `You get this email because you turned it on. To stop it, switch it off in your notification settings: ${p.settingsUrl}`,
      ],
    }),
  };
}
