"use client";

import { useId, useTransition } from "react";
import { useRouter } from "next/navigation";
import { ChevronDownIcon, SpinnerIcon } from "@/components/ui/icons";
import type { TenantAccess, TenantSummary } from "@/lib/tenants/types";

type Props = { current: TenantSummary; memberships: TenantAccess["memberships"] };

/** The organisation in view; a native select (keyboard and screen-reader friendly) to change it. */
export function TenantSwitcher({ current, memberships }: Props) {
  const id = useId();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  if (memberships.length <= 1) {
    return <p className="min-w-0 truncate text-sm font-semibold sm:text-base">{current.name}</p>;
  }

  return (
    <div className="relative flex min-w-0 items-center">
      <label htmlFor={id} className="sr-only">
        Organisation
      </label>
      <select
        id={id}
        value={current.slug}
        onChange={(event) => {
          const slug = event.target.value;
          startTransition(() => router.push(`/${slug}`));
        }}
        aria-busy={pending || undefined}
        className="h-10 max-w-[13rem] min-w-0 appearance-none truncate rounded-lg border border-transparent bg-transparent py-0 pr-8 pl-2 text-sm font-semibold text-foreground hover:border-border hover:bg-surface-muted sm:max-w-xs sm:text-base"
      >
        {memberships.map(({ tenant }) => (
          <option key={tenant.id} value={tenant.slug}>
            {tenant.name}
          </option>
        ))}
      </select>
      {pending ? (
        <SpinnerIcon className="pointer-events-none absolute right-2 size-4 text-muted-foreground" />
      ) : (
        <ChevronDownIcon className="pointer-events-none absolute right-2 size-4 text-muted-foreground" />
      )}
    </div>
  );
}
