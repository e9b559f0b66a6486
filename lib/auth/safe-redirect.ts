// Only same-site paths are followed after sign-in: "//evil.example" and absolute URLs are
// open redirects.
export function safeRedirectPath(value: string | null | undefined): string | null {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  if (value.startsWith("/sign-in") || value.startsWith("/api/")) return null;
  return value;
}
