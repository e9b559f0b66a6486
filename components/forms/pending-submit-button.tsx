import type { ComponentProps } from "react";
import { Button } from "@/components/ui/button";
import { SpinnerIcon } from "@/components/ui/icons";

type Props = Omit<ComponentProps<typeof Button>, "type"> & { pending: boolean; pendingText: string };

/**
 * A form's submit button while its request runs: a spinner, and `pendingText` announced to
 * screen readers. aria-disabled rather than disabled: the button keeps focus meanwhile.
 */
export function PendingSubmitButton({ pending, pendingText, children, ...props }: Props) {
  return (
    <>
      <Button type="submit" aria-disabled={pending || undefined} {...props}>
        {pending ? <SpinnerIcon className="size-4" /> : null}
        {children}
      </Button>
      <p aria-live="polite" className="sr-only">
        {pending ? pendingText : ""}
      </p>
    </>
  );
}
