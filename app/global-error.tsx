"use client";
// The last boundary: an error in the root layout itself. It replaces the whole document, so it
// brings its own <html> and <body> (and no app styles can be assumed); the database notice
// still retries by itself.
import { DatabaseUnavailable } from "@/components/errors/database-unavailable";
import { isDatabaseUnavailableDigest } from "@/lib/errors/unavailable-digest";
import "./globals.css";

type Props = { error: unknown; retry?: () => void; reset: () => void };

export default function GlobalError({ error, retry, reset }: Props) {
  const again = retry ?? reset;
  return (
    <html lang="en">
      <body className="min-h-dvh bg-background font-sans text-foreground">
        {isDatabaseUnavailableDigest(error) ? (
          <DatabaseUnavailable retry={again} />
        ) : (
          <main role="alert" className="mx-auto flex max-w-lg flex-col items-center gap-3 py-16 text-center">
            <h1 className="text-xl font-semibold">Something went wrong</h1>
            <p className="text-sm">This page could not be loaded.</p>
            <button type="button" className="rounded-lg border px-3 py-1.5 text-sm" onClick={() => again()}>
              Try again
            </button>
          </main>
        )}
      </body>
    </html>
  );
}
