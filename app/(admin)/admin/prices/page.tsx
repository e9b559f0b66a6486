import type { Metadata } from "next";
import { headers } from "next/headers";
import { ModelPriceForm, PriceMultiplierForm } from "@/components/admin/price-forms";
import { td, th } from "@/components/admin/table-styles";
import { formatDate, resolveLocale } from "@/components/dashboard/format";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { requirePlatformAdmin } from "@/lib/auth/platform-guard";
import { listPrices } from "@/lib/usage/list-prices";

export const metadata: Metadata = { title: "AI prices" };

const KIND_LABEL = { tier: "Plan tier", region: "Data region", batch: "Batch discount" } as const;
const STATE = {
  current: { label: "In force", tone: "green" },
  scheduled: { label: "Scheduled", tone: "blue" },
  past: { label: "Replaced", tone: "neutral" },
} as const;

export default async function AdminPricesPage() {
  const ctx = await requirePlatformAdmin();
  const locale = resolveLocale((await headers()).get("accept-language"));
  const { prices, multipliers } = await listPrices(ctx);
  const models = [...new Set(prices.map((p) => p.model))];

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-foreground">AI prices</h1>
        <p className="mt-1 max-w-3xl text-sm text-muted-foreground">
          What an AI call costs in credits: the model&apos;s price in dollars per million tokens × the plan&apos;s tier
          × the data region × the batch discount (batch calls only), one credit per tenth of a cent. A change applies to
          calls made after it; every call already made keeps the prices it was charged at. Each change is recorded in
          the platform audit log.
        </p>
      </div>

      <Card aria-label="Model prices" className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Model prices, newest first per model</caption>
          <thead className="border-b border-border">
            <tr>
              <th scope="col" className={th}>
                Model
              </th>
              <th scope="col" className={`${th} text-right`}>
                Input
              </th>
              <th scope="col" className={`${th} text-right`}>
                Output
              </th>
              <th scope="col" className={`${th} text-right`}>
                Cache read
              </th>
              <th scope="col" className={`${th} text-right`}>
                Cache write
              </th>
              <th scope="col" className={th}>
                From
              </th>
              <th scope="col" className={th}>
                State
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {prices.map((p) => (
              <tr key={p.id} className={p.state === "past" ? "text-muted-foreground" : undefined}>
                <th scope="row" className={`${td} font-medium`}>
                  {p.model}
                </th>
                <td className={`${td} text-right tabular-nums`}>${p.inputPerMtok}</td>
                <td className={`${td} text-right tabular-nums`}>${p.outputPerMtok}</td>
                <td className={`${td} text-right tabular-nums`}>${p.cacheReadPerMtok}</td>
                <td className={`${td} text-right tabular-nums`}>${p.cacheWritePerMtok}</td>
                <td className={td}>{formatDate(p.effectiveFrom, locale)}</td>
                <td className={td}>
                  <Badge tone={STATE[p.state].tone}>{STATE[p.state].label}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="px-4 pb-3 text-xs text-muted-foreground">Dollars per million tokens.</p>
      </Card>

      <Card className="p-5">
        <ModelPriceForm models={models} />
      </Card>

      <Card aria-label="Multipliers" className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Multipliers of the cost formula</caption>
          <thead className="border-b border-border">
            <tr>
              <th scope="col" className={th}>
                Kind
              </th>
              <th scope="col" className={th}>
                Key
              </th>
              <th scope="col" className={`${th} text-right`}>
                Multiplier
              </th>
              <th scope="col" className={th}>
                Changed
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {multipliers.map((m) => (
              <tr key={`${m.kind}:${m.key}`}>
                <td className={td}>{KIND_LABEL[m.kind]}</td>
                <th scope="row" className={`${td} font-medium`}>
                  {m.key}
                </th>
                <td className={`${td} text-right tabular-nums`}>×{m.value}</td>
                <td className={td}>{formatDate(m.updatedAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <Card className="p-5">
        <PriceMultiplierForm />
      </Card>
    </div>
  );
}
