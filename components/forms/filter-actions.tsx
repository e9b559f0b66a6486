import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";

/** The end of a GET filter form: apply, or clear every filter (back to the bare list). */
export function FilterActions({ clearHref, className = "" }: { clearHref: string; className?: string }) {
  return (
    <div className={`flex items-end gap-2 ${className}`}>
      <Button type="submit" variant="secondary">
        Apply filters
      </Button>
      <Link href={clearHref} className={buttonClasses({ variant: "ghost" })}>
        Clear
      </Link>
    </div>
  );
}
