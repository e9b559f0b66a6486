// `server-only` throws when imported outside a React Server Components bundle (its "default"
// export condition), which is exactly what tsx is. The bench calls the real business functions
// (lib/citizens/list.ts, lib/cases/list.ts), which carry that marker, so before they load we
// put an empty module in its place in the require cache — the same thing Jest's
// moduleNameMapper does for the test suites. Import this file first.
import { createRequire } from "node:module";

const requireHere = createRequire(__filename);
const resolved = requireHere.resolve("server-only");
requireHere.cache[resolved] = { id: resolved, filename: resolved, loaded: true, exports: {} } as NodeJS.Module;
