// The access log: one JSON line per HTTP request, written when the response has finished
// (lib/context/http-request-hook.ts), so it has the real status and size:
//   {"event":"http.access","method":"GET","route":"/[tenant]/citizens/[citizenId]","kind":"page",
//    "status":200,"duration_ms":41.2,"bytes":10234,"request_id":…,"tenant_id":…,"user_id":…}
// Never the URL itself: query strings carry tokens and search terms. Successful health and
// readiness probes are sampled (1 in HEALTH_SAMPLE): load balancers call them every second.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { RequestRecord } from "@/lib/context/request-record";
import { logger } from "./logger";
import { compileRoutes, routePatternFor, type RouteTable } from "./route-pattern";

const HEALTH_SAMPLE = 100;
const PROBES = new Set(["/api/health", "/api/ready"]);

export type AccessEntry = {
  method: string;
  pathname: string;
  isAction: boolean;
  status: number;
  durationMs: number;
  bytes: number;
  aborted: boolean;
  record: RequestRecord;
};

let routes: RouteTable | undefined;

/** The app's route patterns, from the build (app-path-routes-manifest.json); none in development before a build. */
function routeTable(): RouteTable {
  if (routes) return routes;
  const file = path.join(process.cwd(), ".next", "app-path-routes-manifest.json");
  let patterns: string[] = [];
  try {
    if (existsSync(file)) patterns = Object.values(JSON.parse(readFileSync(file, "utf8")) as Record<string, string>);
  } catch {
    patterns = [];
  }
  routes = compileRoutes(patterns);
  return routes;
}

export function kindOf(route: string, isAction: boolean): "action" | "api" | "static" | "page" {
  if (isAction) return "action";
  if (route.startsWith("/api/")) return "api";
  if (route.startsWith("/_next/")) return "static";
  return "page";
}

let probeCount = 0;

export function writeAccessLine(entry: AccessEntry, table: RouteTable = routeTable()): void {
  const route = routePatternFor(entry.pathname, table);
  if (PROBES.has(route) && entry.status < 400 && probeCount++ % HEALTH_SAMPLE !== 0) return;
  logger.info(
    {
      event: "http.access",
      method: entry.method,
      route,
      kind: kindOf(route, entry.isAction),
      status: entry.status,
      duration_ms: Math.round(entry.durationMs * 10) / 10,
      bytes: entry.bytes,
      ...(entry.aborted ? { aborted: true } : {}),
      request_id: entry.record.requestId,
      tenant_id: entry.record.tenantId ?? null,
      user_id: entry.record.userId ?? null,
    },
    "request",
  );
}
