// One-off credit packs, defined once: checkout prices them from here and the webhook grants
// from here (never from a number in Stripe metadata), so a pack always gives what the page said.
export type CreditPack = { id: string; name: string; credits: number; priceCents: number };

export const CREDIT_PACKS: readonly CreditPack[] = [
  { id: "pack_5k", name: "5,000 credits", credits: 5_000, priceCents: 1_000 },
  { id: "pack_25k", name: "25,000 credits", credits: 25_000, priceCents: 4_000 },
];

export function creditPack(id: unknown): CreditPack | undefined {
  return CREDIT_PACKS.find((p) => p.id === id);
}
