import { AlertIcon } from "@/components/ui/icons";

/** The message under a form field; its id is what the input's aria-describedby points to. */
export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  const message = messages?.[0];
  if (!message) return null;
  return (
    <p id={id} className="mt-1.5 flex items-start gap-1.5 text-sm text-red-700 dark:text-red-300">
      <AlertIcon className="mt-px size-4" />
      {message}
    </p>
  );
}
