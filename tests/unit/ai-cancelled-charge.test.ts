// A cancelled stream gets no `done` frame; the hook reads the charge from the URL the response
// header gave, asking again while the server still settles, and shows it with the balance.
import { aiStreamReducer, initialAiStreamState, type AiStreamAction } from "@/components/ai/ai-stream-reducer";
import { readCancelledCharge, runAiStream } from "@/components/ai/run-ai-stream";
import { CHARGE_URL_HEADER, encodeAiFrame } from "@/lib/ai/stream/protocol";

const cancelledState = () =>
  [
    { type: "charge_url", run: 1, url: "/api/tenants/t/credits/charges/r1" },
    { type: "cancel", run: 1 },
  ].reduce(
    (s, a) => aiStreamReducer(s, a as AiStreamAction),
    aiStreamReducer(initialAiStreamState, { type: "start", run: 1 }),
  );

function jsonFetch(bodies: unknown[], status = 200) {
  const urls: string[] = [];
  const impl = (async (url: string) => {
    urls.push(url);
    return new Response(JSON.stringify(bodies[Math.min(urls.length - 1, bodies.length - 1)]), { status });
  }) as typeof fetch;
  return { impl, urls };
}

const noWait = async () => {};

test("the stream's response header gives the charge URL to the state", async () => {
  const actions: AiStreamAction[] = [];
  const body = encodeAiFrame({ event: "text", data: { text: "Hi" } });
  await runAiStream({
    url: "/x",
    body: {},
    run: 1,
    signal: new AbortController().signal,
    dispatch: (a) => actions.push(a),
    fetchImpl: (async () =>
      new Response(body, { status: 200, headers: { [CHARGE_URL_HEADER]: "/charge/1" } })) as typeof fetch,
  });
  expect(actions[0]).toEqual({ type: "charge_url", run: 1, url: "/charge/1" });
});

test("asks again while the charge is open, then shows credits used and balance", async () => {
  const { impl, urls } = jsonFetch([
    { charge: { status: "open", creditsUsed: null, balance: 100 } },
    { charge: { status: "settled", creditsUsed: 3, balance: 97 } },
  ]);
  const actions: AiStreamAction[] = [];
  await readCancelledCharge({ url: "/c", run: 1, dispatch: (a) => actions.push(a), fetchImpl: impl, wait: noWait });
  expect(urls).toEqual(["/c", "/c"]);
  const state = actions.reduce(aiStreamReducer, cancelledState());
  expect(state).toMatchObject({ status: "cancelled", creditsUsed: 3, balance: 97 });
});

test("a released hold shows 0 credits used", async () => {
  const { impl } = jsonFetch([{ charge: { status: "released", creditsUsed: 0, balance: 50 } }]);
  const actions: AiStreamAction[] = [];
  await readCancelledCharge({ url: "/c", run: 1, dispatch: (a) => actions.push(a), fetchImpl: impl, wait: noWait });
  expect(actions.reduce(aiStreamReducer, cancelledState())).toMatchObject({ creditsUsed: 0, balance: 50 });
});

test("gives up quietly on an error, a network failure or a charge that never settles", async () => {
  for (const impl of [
    jsonFetch([{ error: { code: "NOT_FOUND" } }], 404).impl,
    (async () => {
      throw new TypeError("offline");
    }) as typeof fetch,
    jsonFetch([{ nonsense: true }]).impl,
  ]) {
    const actions: AiStreamAction[] = [];
    await readCancelledCharge({ url: "/c", run: 1, dispatch: (a) => actions.push(a), fetchImpl: impl, wait: noWait });
    expect(actions).toEqual([]);
  }
  const open = jsonFetch([{ charge: { status: "open", creditsUsed: null, balance: 1 } }]);
  const actions: AiStreamAction[] = [];
  await readCancelledCharge({
    url: "/c",
    run: 1,
    dispatch: (a) => actions.push(a),
    fetchImpl: open.impl,
    wait: noWait,
  });
  expect(actions).toEqual([]);
  expect(open.urls.length).toBe(5);
});

test("a charge for an older run, or for a run that was not cancelled, changes nothing", () => {
  const charged: AiStreamAction = { type: "charged", run: 1, creditsUsed: 9, balance: 1 };
  const newer = aiStreamReducer(cancelledState(), { type: "start", run: 2 });
  expect(aiStreamReducer(newer, charged)).toBe(newer);
  const streaming = aiStreamReducer(initialAiStreamState, { type: "start", run: 1 });
  expect(aiStreamReducer(streaming, charged)).toBe(streaming);
});
