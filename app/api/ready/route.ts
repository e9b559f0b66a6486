import { NextResponse } from "next/server";
import { checkReadiness } from "@/lib/health/readiness";
import { publicRoute } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";

export const GET = publicRoute(async () => {
  const readiness = await checkReadiness();
  return NextResponse.json(
    { status: readiness.ready ? "ready" : "not_ready", ...readiness },
    { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
});
