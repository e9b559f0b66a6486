import type { ReactNode } from "react";
import { AlertIcon } from "@/components/ui/icons";

/**
 * The server's message at the top of an auth or account form (a flex column with gap-5), with
 * `children` (e.g. a link) after it. Unlike FormAlert it is a direct child of the form with no
 * status region: always in the DOM so screen readers announce the message when it is filled in;
 * while empty, the negative margin cancels the form's gap so it takes no space.
 */
export function FormErrorAlert({ error, children }: { error?: string; children?: ReactNode }) {
  return (
    <div role="alert" className="empty:-mb-5">
      {error ? (
        <p className="flex items-start gap-2 rounded-lg border border-red-300 bg-red-50 px-3 py-2.5 text-sm text-red-800 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-200">
          <AlertIcon className="mt-px size-4" />
          {children ? (
            <span>
              {error} {children}
            </span>
          ) : (
            error
          )}
        </p>
      ) : null}
    </div>
  );
}
