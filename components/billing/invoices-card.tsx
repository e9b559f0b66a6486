import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { InvoiceList } from "@/lib/billing/list-invoices";
import { formatDate, formatMoney, type FormatSettings } from "@/lib/format/format";

const STATUS: Record<string, string> = {
  paid: "Paid",
  open: "Due",
  uncollectible: "Uncollectible",
  void: "Void",
};

/** The newest invoices as Stripe has them; each links to Stripe's own page for it when there is one. */
export function InvoicesCard({ list, format }: { list: InvoiceList; format: FormatSettings }) {
  const money = (cents: number, currency: string) => formatMoney(cents / 100, currency, format);
  return (
    <Card aria-labelledby="invoices-heading">
      <CardHeader>
        <CardTitle id="invoices-heading">Invoices</CardTitle>
        <CardDescription>The newest invoices from Stripe; the Customer Portal has all of them.</CardDescription>
      </CardHeader>
      <CardContent>
        {list.state === "not_configured" ? (
          <p className="text-sm text-muted-foreground">Billing is not configured on this installation: no invoices.</p>
        ) : list.state === "none" ? (
          <EmptyState title="No invoices yet">Invoices appear here once a plan or credit pack is paid.</EmptyState>
        ) : list.state === "unavailable" ? (
          <p role="status" className="text-sm text-red-700 dark:text-red-300">
            The invoices could not be loaded from Stripe just now. Everything else on this page is up to date; reload to
            try again.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Invoices, newest first</caption>
              <thead className="text-xs text-muted-foreground uppercase">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    Date
                  </th>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    Invoice
                  </th>
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    Status
                  </th>
                  <th scope="col" className="py-2 text-right font-semibold">
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {list.invoices.map((inv) => (
                  <tr key={inv.id}>
                    <td className="py-2 pr-4 whitespace-nowrap text-muted-foreground">
                      <time dateTime={inv.created.toISOString()}>{formatDate(inv.created, format)}</time>
                    </td>
                    <td className="py-2 pr-4 text-foreground">
                      {inv.url ? (
                        <a
                          href={inv.url}
                          className="rounded text-brand-700 hover:underline dark:text-brand-300"
                          rel="noopener noreferrer"
                          target="_blank"
                        >
                          {inv.number ?? inv.id}
                          <span className="sr-only"> (opens Stripe in a new tab)</span>
                        </a>
                      ) : (
                        (inv.number ?? inv.id)
                      )}
                    </td>
                    <td className="py-2 pr-4 text-foreground">
                      {inv.status ? (STATUS[inv.status] ?? inv.status) : "—"}
                    </td>
                    <td className="py-2 text-right font-medium tabular-nums text-foreground">
                      {money(inv.amount, inv.currency)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
