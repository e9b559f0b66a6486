// What one of my AI calls cost (the panel reads it after a cancel, when no `done` frame came).
import { NextResponse } from "next/server";
import { withTenant } from "@/lib/auth/guard";
import { readReservationCharge } from "@/lib/credits/read-reservation-charge";

type Params = { tenant: string; reservationId: string };

export const dynamic = "force-dynamic";

export const GET = withTenant<Params>("ai.use", async (_req, ctx, params) =>
  NextResponse.json(
    { charge: await readReservationCharge(ctx, params.reservationId) },
    { headers: { "cache-control": "no-store" } },
  ),
);
