// The route pattern of a request path for the access log: "/demo/citizens/4c8f…" becomes
// "/[tenant]/citizens/[citizenId]", so lines group by route and no id, token or name from a
// URL reaches the log. Pure: the patterns come from the build's app-path-routes manifest.

type Segment = { kind: "static"; value: string } | { kind: "dynamic" } | { kind: "catchall"; optional: boolean };
type Compiled = { pattern: string; segments: Segment[] };

function compile(pattern: string): Compiled {
  const segments = pattern
    .split("/")
    .filter(Boolean)
    .map((s): Segment => {
      if (/^\[\[\.\.\..+\]\]$/.test(s)) return { kind: "catchall", optional: true };
      if (/^\[\.\.\..+\]$/.test(s)) return { kind: "catchall", optional: false };
      if (/^\[.+\]$/.test(s)) return { kind: "dynamic" };
      return { kind: "static", value: s };
    });
  return { pattern: pattern === "" ? "/" : pattern, segments };
}

const RANK = { static: 0, dynamic: 1, catchall: 2 } as const;

/** Next's precedence: segment by segment, a static segment beats a dynamic one, which beats a catch-all. */
function compareSpecificity(a: Compiled, b: Compiled): number {
  for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
    const x = a.segments[i];
    const y = b.segments[i];
    if (!x || !y) return x ? -1 : 1;
    const d = RANK[x.kind] - RANK[y.kind];
    if (d !== 0) return d;
  }
  return 0;
}

function matches(route: Compiled, parts: string[]): boolean {
  for (let i = 0; i < route.segments.length; i++) {
    const seg = route.segments[i]!;
    if (seg.kind === "catchall") return seg.optional || parts.length > i;
    const part = parts[i];
    if (part === undefined) return false;
    if (seg.kind === "static" && seg.value !== part) return false;
  }
  return parts.length === route.segments.length;
}

export type RouteTable = Compiled[];

export function compileRoutes(patterns: Iterable<string>): RouteTable {
  return [...new Set(patterns)].map(compile).sort(compareSpecificity);
}

/** The pattern `pathname` is served by; "/_next/<kind>/[...path]" for framework files, "/[file]" for public ones; "(unmatched)" otherwise. */
export function routePatternFor(pathname: string, routes: RouteTable): string {
  const path = pathname.split("?")[0]!.split("#")[0]!;
  const parts = path.split("/").filter(Boolean);
  if (parts[0] === "_next") return parts.length > 1 ? `/_next/${parts[1]}/[...path]` : "/_next";
  // Files from public/ (favicon.ico, robots.txt) are served before a dynamic route would match.
  const file = parts.length === 1 && /\.[A-Za-z0-9]{1,8}$/.test(parts[0]!);
  for (const route of routes) {
    if (!matches(route, parts)) continue;
    return file && route.segments.some((seg) => seg.kind !== "static") ? "/[file]" : route.pattern;
  }
  return file ? "/[file]" : "(unmatched)";
}
