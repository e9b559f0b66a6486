// Shared cell classes of the admin tables (the same look as the dashboard's tables).
export const th =
  "px-4 py-3 text-left text-xs font-semibold tracking-wide text-muted-foreground uppercase whitespace-nowrap";
export const td = "px-4 py-3 align-top";
