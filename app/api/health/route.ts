// Liveness: the process is up and serving. Touches nothing else, so a slow database never
// makes an orchestrator restart healthy instances.
import { NextResponse } from "next/server";
import { publicRoute } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";

export const GET = publicRoute(() =>
  NextResponse.json(
    { status: "ok", uptimeSeconds: Math.round(process.uptime()) },
    { headers: { "cache-control": "no-store" } },
  ),
);
