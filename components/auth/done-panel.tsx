"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";

/**
 * What replaces an account form once it has done its job ("Check your email", "Your password
 * has been changed"): a heading that takes focus, so screen readers announce the news the form
 * made way for, the explanation, and the link onwards.
 */
export function DonePanel({
  title,
  link,
  children,
}: {
  title: string;
  link: { href: string; label: string };
  children: React.ReactNode;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="mt-6 flex flex-col gap-3">
      <h2 ref={headingRef} tabIndex={-1} className="text-base font-semibold text-foreground outline-none">
        {title}
      </h2>
      {children}
      <Link
        href={link.href}
        className="mt-2 text-sm font-medium text-brand-700 underline-offset-4 hover:underline dark:text-brand-300"
      >
        {link.label}
      </Link>
    </div>
  );
}
