import { AlertIcon } from "@/components/ui/icons";

/**
 * The message above a form: an error (role=alert, announced) or a success note (role=status).
 * Always rendered, empty when there is nothing to say, so screen readers announce new text.
 */
export function FormAlert({
  error,
  success,
  className = "",
}: {
  error?: string | null;
  success?: string | null;
  className?: string;
}) {
  return (
    <div className={className}>
      <div role="alert">
        {error ? (
          <p className="flex items-start gap-2 rounded-lg border border-red-300 bg-red-50 px-3 py-2.5 text-sm text-red-800 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-200">
            <AlertIcon className="mt-px size-4 shrink-0" />
            {error}
          </p>
        ) : null}
      </div>
      <div role="status">
        {success && !error ? (
          <p className="rounded-lg border border-emerald-300 bg-emerald-50 px-3 py-2.5 text-sm text-emerald-800 dark:border-emerald-400/30 dark:bg-emerald-400/10 dark:text-emerald-200">
            {success}
          </p>
        ) : null}
      </div>
    </div>
  );
}
