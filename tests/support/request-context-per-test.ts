// Integration tests call lib/ functions directly. In the app every call happens inside an HTTP
// request, which the server hook gives a request record (lib/context/http-request-hook.ts):
// here each test (and each hook) runs inside a fresh, anonymous one, so audit events have a
// request id as they do in the app. A test about who acted, or from where, wraps its calls in
// inRequestContext({ userId, ip, … }) as a guard would. recordAudit with no context at all
// throws: that is pinned by tests/unit/audit-context.test.ts, outside this harness.
import { inOwnRequest } from "./request-context";

type Fn = (...args: unknown[]) => unknown;
const inContext = (fn: Fn | undefined): Fn | undefined =>
  fn && ((...args: unknown[]) => inOwnRequest(() => fn(...args)));

type TestLike = ((name: string, fn?: Fn, timeout?: number) => void) & {
  each: (...table: unknown[]) => (name: string, fn: Fn, timeout?: number) => void;
  only: TestLike;
  skip: TestLike;
};

function wrapTest(original: TestLike): TestLike {
  const wrapped = ((name: string, fn?: Fn, timeout?: number) => original(name, inContext(fn), timeout)) as TestLike;
  Object.assign(wrapped, original);
  wrapped.each =
    (...table: unknown[]) =>
    (name: string, fn: Fn, timeout?: number) =>
      original.each(...table)(name, inContext(fn)!, timeout);
  if (original.only) wrapped.only = wrapTest(original.only);
  return wrapped;
}

const g = globalThis as unknown as Record<string, unknown>;
for (const name of ["test", "it"]) g[name] = wrapTest(g[name] as TestLike);
for (const name of ["beforeAll", "beforeEach", "afterAll", "afterEach"]) {
  const hook = g[name] as (fn: Fn, timeout?: number) => void;
  g[name] = (fn: Fn, timeout?: number) => hook(inContext(fn)!, timeout);
}
