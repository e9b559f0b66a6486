"use client";

import { themeInitScript } from "@/components/shell/theme";

/**
 * The pre-paint theme script. It only has to run once, from the server HTML. When React
 * renders it on the client (e.g. a not-found page rendered in the browser) it becomes inert
 * text/plain, which also keeps React from warning about a script it would never execute.
 */
export function ThemeScript({ nonce }: { nonce?: string }) {
  return (
    <script
      nonce={nonce}
      type={typeof window === "undefined" ? "text/javascript" : "text/plain"}
      // Differs on purpose (type), and browsers hide the nonce attribute after parsing.
      suppressHydrationWarning
      dangerouslySetInnerHTML={{ __html: themeInitScript }}
    />
  );
}
