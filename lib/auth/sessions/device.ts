// "Firefox on macOS" from a User-Agent header, for the sessions list. bowser (MIT, maintained)
// does the parsing: user agents are too irregular to hand-roll.
import Bowser from "bowser";

export function describeDevice(userAgent: string | null | undefined): string {
  if (!userAgent) return "Unknown device";
  const parsed = Bowser.parse(userAgent);
  const browser = parsed.browser.name;
  const os = parsed.os.name;
  const type = parsed.platform.type;
  if (!browser && !os) return "Unknown device";
  const where = [os, type && type !== "desktop" ? type : null].filter(Boolean).join(" ");
  return browser && where ? `${browser} on ${where}` : (browser ?? where);
}
