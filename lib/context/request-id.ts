// Request ids: accepted from the caller (a load balancer or middleware.ts) when well formed,
// generated otherwise. The check keeps log injection and absurd lengths out.
export const REQUEST_ID_HEADER = "x-request-id";
const VALID = /^[A-Za-z0-9._:-]{8,128}$/;

export function isValidRequestId(value: string | null | undefined): value is string {
  return typeof value === "string" && VALID.test(value);
}

export function newRequestId(): string {
  return crypto.randomUUID();
}

export function requestIdFrom(headers: Pick<Headers, "get">): string {
  const incoming = headers.get(REQUEST_ID_HEADER);
  return isValidRequestId(incoming) ? incoming : newRequestId();
}
