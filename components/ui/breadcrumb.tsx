import Link from "next/link";

/** "Cases / New": the way back up, with the current page marked for screen readers. */
export function Breadcrumb({ items, current }: { items: Array<{ href: string; label: string }>; current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
      {items.map((item) => (
        <span key={item.href}>
          <Link href={item.href} className="underline-offset-2 hover:text-foreground hover:underline">
            {item.label}
          </Link>
          <span aria-hidden="true"> / </span>
        </span>
      ))}
      <span aria-current="page">{current}</span>
    </nav>
  );
}
