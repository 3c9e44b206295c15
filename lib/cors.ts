// CORS for the REST API (/api/v1): browsers on the origins of CORS_ORIGIN and CORS_ORIGINS may
// call it with credentials; any other origin gets no CORS headers, so the browser keeps the answer
// from the page. Agents and scripts do not send Origin and are unaffected.

export const CORS_ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
export const CORS_ALLOWED_HEADERS = "Authorization, Content-Type, X-API-ID, X-API-KEY, X-Requested-With";
/** Seconds a browser may cache a preflight answer (Chromium caps it at two hours). */
export const CORS_MAX_AGE_SECONDS = 7200;

/** The allowed origins: scheme://host[:port] of each configured URL (paths are ignored). */
export function allowedOrigins(settings: {
  corsOrigin?: string | null;
  corsOrigins?: readonly string[];
}): Set<string> {
  const origins = new Set<string>();
  for (const url of [settings.corsOrigin, ...(settings.corsOrigins ?? [])]) {
    if (!url || !URL.canParse(url)) continue;
    const origin = new URL(url).origin;
    if (origin !== "null") origins.add(origin);
  }
  return origins;
}

/** Whether a request's Origin header names an allowed origin (compared as a parsed origin). */
export function isAllowedOrigin(origin: string | null, allowed: ReadonlySet<string>): boolean {
  // "null" (sandboxed frames, file: pages) does not parse and is never allowed.
  if (!origin || !URL.canParse(origin)) return false;
  return allowed.has(new URL(origin).origin);
}

/** Headers for an actual (non-preflight) API response. Vary: Origin always: the answer depends on it. */
export function corsHeaders(origin: string | null, allowed: ReadonlySet<string>): Record<string, string> {
  if (!isAllowedOrigin(origin, allowed)) return { Vary: "Origin" };
  return {
    Vary: "Origin",
    "Access-Control-Allow-Origin": new URL(origin as string).origin,
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Expose-Headers": "Retry-After, Content-Disposition",
  };
}

/** Headers for the 204 answer to a preflight OPTIONS request. */
export function preflightHeaders(
  origin: string | null,
  allowed: ReadonlySet<string>,
): Record<string, string> {
  if (!isAllowedOrigin(origin, allowed)) return { Vary: "Origin" };
  return {
    ...corsHeaders(origin, allowed),
    "Access-Control-Allow-Methods": CORS_ALLOWED_METHODS,
    "Access-Control-Allow-Headers": CORS_ALLOWED_HEADERS,
    "Access-Control-Max-Age": String(CORS_MAX_AGE_SECONDS),
  };
}

/** A CORS preflight: OPTIONS with Origin and Access-Control-Request-Method. */
export function isPreflight(request: { method: string; headers: Pick<Headers, "has"> }): boolean {
  return (
    request.method === "OPTIONS" &&
    request.headers.has("origin") &&
    request.headers.has("access-control-request-method")
  );
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const SESSION_COOKIE = /(^|;\s*)(__Secure-)?authjs\.session-token(\.\d+)?=/;

/**
 * A cross-site write riding on the session cookie: an unsafe method, the session cookie, and an
 * Origin that is neither this server (by its Host / X-Forwarded-Host) nor an allowed CORS origin.
 * SameSite=Lax does not stop a sibling subdomain posting a text/plain form that parses as JSON;
 * this does. Requests without Origin (agents, scripts) and without the cookie are not affected.
 */
export function isCrossSiteCookieWrite(
  request: { method: string; headers: Pick<Headers, "get"> },
  allowed: ReadonlySet<string>,
): boolean {
  if (!UNSAFE_METHODS.has(request.method.toUpperCase())) return false;
  if (!SESSION_COOKIE.test(request.headers.get("cookie") ?? "")) return false;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  if (!URL.canParse(origin)) return true;
  const originHost = new URL(origin).host;
  const hosts = [request.headers.get("x-forwarded-host"), request.headers.get("host")]
    .flatMap((value) => (value ? value.split(",").map((part) => part.trim()) : []))
    .filter(Boolean);
  if (hosts.includes(originHost)) return false;
  return !isAllowedOrigin(origin, allowed);
}
