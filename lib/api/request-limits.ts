// Which rate limit proxy.ts applies to a request, decided from its method, path and headers alone.
// Agent endpoints are left out: they count authenticated requests per API id themselves
// (lib/agent/auth.ts), and a fleet behind one NAT address must not share one allowance.

/** Agent protocol paths whose handlers apply the agent limit (spec: agent-protocol.md). */
export const AGENT_LIMITED_PATHS: ReadonlySet<string> = new Set(
  [
    "/hosts/install",
    "/hosts/agent/download",
    "/hosts/agent/version",
    "/hosts/agent/timestamp",
    "/hosts/settings",
    "/hosts/ping",
    "/hosts/update",
    "/hosts/info",
    "/hosts/integrations",
    "/hosts/integration-status",
    "/settings/update-interval",
    "/settings/auto-update",
    "/auto-enrollment/enroll",
  ].map((path) => `/api/v1${path}`),
);

/** Pages whose server actions sign people in (login, second factor, first administrator). */
const SIGN_IN_PAGES = ["/login", "/setup"];

function under(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

export function isApiPath(pathname: string): boolean {
  return under(pathname, "/api/v1");
}

/**
 * "auth" for POSTs to next-auth's endpoints and form posts to the sign-in pages, "general" for the
 * REST API, null otherwise. Server actions on the sign-in pages (Next-Action header) are counted
 * by the actions themselves (lib/auth/rate-limit.ts) against the same counter, so that they are
 * counted once and a refusal reaches the form as a readable message rather than a bare 429.
 */
export function rateLimitCategoryOf(request: {
  method: string;
  pathname: string;
  headers: Pick<Headers, "has">;
}): "auth" | "general" | null {
  const pathname = request.pathname.length > 1 ? request.pathname.replace(/\/+$/, "") : request.pathname;
  const method = request.method.toUpperCase();
  // Preflights are answered by proxy.ts without reaching a handler.
  if (method === "OPTIONS") return null;
  if (under(pathname, "/api/auth")) return method === "POST" ? "auth" : null;
  if (method === "POST" && SIGN_IN_PAGES.some((page) => under(pathname, page))) {
    return request.headers.has("next-action") ? null : "auth";
  }
  if (isApiPath(pathname)) return AGENT_LIMITED_PATHS.has(pathname) ? null : "general";
  return null;
}
