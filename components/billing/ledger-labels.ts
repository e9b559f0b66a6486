// What each kind of ledger entry means to the people reading the billing page.
import type { CreditLedgerKind } from "@/lib/generated/prisma/enums";

export const LEDGER_KIND_LABEL: Record<CreditLedgerKind, string> = {
  grant: "Monthly or promotional grant",
  purchase: "Credit purchase",
  reserve: "Held for an AI request",
  settle: "AI request charged",
  refund: "Hold released",
  expire: "Credits expired",
  adjustment: "Adjustment by Civitas",
};
