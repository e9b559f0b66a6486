import type { ComponentPropsWithoutRef, ElementType } from "react";

type VisuallyHiddenProps<T extends ElementType> = { as?: T } & ComponentPropsWithoutRef<T>;

/** Text for screen readers only (labels, data tables behind charts, status messages). */
export function VisuallyHidden<T extends ElementType = "span">({ as, className, ...props }: VisuallyHiddenProps<T>) {
  const Component: ElementType = as ?? "span";
  return <Component className={className ? `sr-only ${className}` : "sr-only"} {...props} />;
}
