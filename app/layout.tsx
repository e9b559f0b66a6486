import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { Providers } from "@/components/providers";
import { ThemeScript } from "@/components/shell/theme-script";
import "./globals.css";

export const metadata: Metadata = {
  title: { template: "%s · Civitas", default: "Civitas — citizen records and casework" },
  description:
    "Civitas is a multi-tenant citizen records platform with AI assistance for municipalities, constituency offices and NGOs.",
  applicationName: "Civitas",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f5f6f8" },
    { media: "(prefers-color-scheme: dark)", color: "#0b0f17" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The CSP only lets inline scripts run when they carry this request's nonce (set by
  // middleware); reading it also makes every page dynamic, which a per-request nonce requires.
  const nonce = (await headers()).get("x-nonce") ?? undefined;

  return (
    // The theme script adds a class to <html> before React hydrates; suppressHydrationWarning
    // tells React that this one difference is expected.
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body className="min-h-dvh bg-background font-sans text-foreground">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
