"use client";
// The tenant's locale and time zone for client components (the tenant layout reads them once
// and provides them): useFormat() gives what lib/format/format.ts's functions take, so a
// client-rendered date reads exactly like a server-rendered one.
import { createContext, useContext } from "react";
import { formatNumber, type FormatSettings } from "@/lib/format/format";
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE } from "@/lib/format/locales";

const FormatContext = createContext<FormatSettings>({ locale: DEFAULT_LOCALE, timeZone: DEFAULT_TIME_ZONE });

export function FormatProvider({ value, children }: { value: FormatSettings; children: React.ReactNode }) {
  return <FormatContext.Provider value={value}>{children}</FormatContext.Provider>;
}

export function useFormat(): FormatSettings {
  return useContext(FormatContext);
}

/** A count in the tenant's locale ("12,345" / "12.345"), for client components. */
export function useFormatNumber(): (n: number) => string {
  const format = useFormat();
  return (n: number) => formatNumber(n, format);
}
