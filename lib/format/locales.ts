// The locales and time zones a tenant can choose (issue #13: one format per kind of value, from
// the tenant's setting). Client-safe: the settings form, the server and the formatters share it.
// Each locale is one Node 20 (full ICU) and every current browser format the same way.

export const SUPPORTED_LOCALES = ["en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "nl-NL", "it-IT", "pt-PT"] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

export const LOCALE_LABELS: Record<SupportedLocale, string> = {
  "en-US": "English (United States)",
  "en-GB": "English (United Kingdom)",
  "de-DE": "Deutsch (Deutschland)",
  "fr-FR": "Français (France)",
  "es-ES": "Español (España)",
  "nl-NL": "Nederlands (Nederland)",
  "it-IT": "Italiano (Italia)",
  "pt-PT": "Português (Portugal)",
};

export const DEFAULT_LOCALE: SupportedLocale = "en-US";
export const DEFAULT_TIME_ZONE = "UTC";

/** Whether Intl knows the IANA zone ("Europe/Brussels", "UTC"); a typo or "CET+1" is not one. */
export function isTimeZone(value: string): boolean {
  if (!value || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The zone as Intl spells it ("europe/brussels" → "Europe/Brussels"). */
export function canonicalTimeZone(value: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
}

/** Every zone Intl lists, for the form's suggestions (UTC first: Intl lists it only as "UTC" in some engines). */
export function timeZoneOptions(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...zones.filter((z) => z !== "UTC")];
}

export const isSupportedLocale = (value: string): value is SupportedLocale =>
  (SUPPORTED_LOCALES as readonly string[]).includes(value);
