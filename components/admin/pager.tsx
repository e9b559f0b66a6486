import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { ArrowRightIcon } from "@/components/ui/icons";

type Props = { basePath: string; q?: string; cursor?: string; nextCursor: string | null };

function href(basePath: string, params: Record<string, string | undefined>) {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
  const qs = search.toString();
  return qs ? `${basePath}?${qs}` : basePath;
}

/** Keyset pages only go forward; "First page" is the way back (and the search is kept). */
export function Pager({ basePath, q, cursor, nextCursor }: Props) {
  if (!cursor && !nextCursor) return null;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-end gap-2 px-4 py-3">
      {cursor ? (
        <Link href={href(basePath, { q })} className={buttonClasses({ variant: "ghost", size: "sm" })}>
          First page
        </Link>
      ) : null}
      {nextCursor ? (
        <Link
          href={href(basePath, { q, cursor: nextCursor })}
          className={buttonClasses({ variant: "secondary", size: "sm" })}
        >
          Next page
          <ArrowRightIcon className="size-4" />
        </Link>
      ) : null}
    </nav>
  );
}
