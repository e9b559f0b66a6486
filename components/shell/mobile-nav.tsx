"use client";

import { useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { usePathname } from "next/navigation";
import { CloseIcon, MenuIcon } from "@/components/ui/icons";
import { Button } from "@/components/ui/button";
import { ThemeToggle } from "@/components/shell/theme-toggle";

/**
 * The navigation drawer for narrow screens. A modal <dialog> gives focus containment, Escape to
 * close, an inert page behind it and focus returned to the opener, all from the browser.
 */
export function MobileNav({ children }: { children: React.ReactNode }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const pathname = usePathname();
  // The drawer's content is rendered on first open, not with every page: it is the sidebar a
  // second time (5.5 KB of the 50-row citizen list's HTML), shown only below `lg`.
  const [opened, setOpened] = useState(false);
  const open = () => {
    // Rendered before showModal(), so the dialog moves focus into its content.
    flushSync(() => setOpened(true));
    dialogRef.current?.showModal();
  };

  // A link inside the drawer navigated: the drawer has done its job.
  useEffect(() => {
    dialogRef.current?.close();
  }, [pathname]);

  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        className="-ml-2 lg:hidden"
        aria-haspopup="dialog"
        aria-controls="mobile-nav"
        onClick={open}
      >
        <MenuIcon />
        <span className="sr-only">Open navigation</span>
      </Button>
      <dialog
        id="mobile-nav"
        ref={dialogRef}
        aria-label="Navigation"
        // A click on the dialog element itself (not its content) is a click on the backdrop.
        onClick={(event) => {
          if (event.target === event.currentTarget) event.currentTarget.close();
        }}
        className="fixed inset-y-0 right-auto left-0 m-0 h-dvh max-h-none w-72 max-w-[85vw] border-r border-border bg-surface p-0 text-foreground shadow-xl backdrop:bg-slate-950/50 lg:hidden"
      >
        {opened ? (
          <div className="flex h-full flex-col">
            <div className="absolute top-3 right-3">
              <Button variant="ghost" size="icon" onClick={() => dialogRef.current?.close()}>
                <CloseIcon />
                <span className="sr-only">Close navigation</span>
              </Button>
            </div>
            <div className="min-h-0 flex-1">{children}</div>
            <div className="border-t border-border px-5 py-4 sm:hidden">
              <ThemeToggle />
            </div>
          </div>
        ) : null}
      </dialog>
    </>
  );
}
