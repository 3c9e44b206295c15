// Runs before every request but static files (Node.js runtime). Not an authorization check: pages,
// actions and routes check permissions themselves. Here: security headers with a per-request CSP
// nonce, CORS for the REST API, the auth and general rate limits, and request logging when asked.
import { type NextRequest, NextResponse } from "next/server";
import { getClientIp } from "@/lib/api/client-ip";
import { isApiPath, rateLimitCategoryOf } from "@/lib/api/request-limits";
import { responseSecurityHeaders } from "@/lib/api/unproxied-route";
import { tooManyAttemptsMessage } from "@/lib/auth/rate-limit";
import {
  allowedOrigins,
  corsHeaders,
  isCrossSiteCookieWrite,
  isPreflight,
  preflightHeaders,
} from "@/lib/cors";
import { getEnv } from "@/lib/env";
import { getLogger, shouldLogRequests } from "@/lib/logger";
import { consumeRateLimit, describeWait, rateLimitKey } from "@/lib/rate-limit";
import { newNonce } from "@/lib/security-headers";

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname } = request.nextUrl;
  if (shouldLogRequests()) {
    // Path only: query strings can carry tokens.
    getLogger("http").info({ method: request.method, path: pathname }, "request");
  }
  const env = getEnv();
  const nonce = newNonce();
  const headers = responseSecurityHeaders(env, nonce);
  const api = isApiPath(pathname);
  const origin = request.headers.get("origin");
  if (api) Object.assign(headers, corsHeaders(origin, allowedOrigins(env.server)));

  if (api && isPreflight(request)) {
    const preflight = { ...headers, ...preflightHeaders(origin, allowedOrigins(env.server)) };
    return withHeaders(new NextResponse(null, { status: 204 }), preflight);
  }

  if (api && isCrossSiteCookieWrite(request, allowedOrigins(env.server))) {
    return withHeaders(
      NextResponse.json(
        { error: "Cross-site request refused", message: "This request came from another site." },
        { status: 403, headers: { "Cache-Control": "no-store" } },
      ),
      headers,
    );
  }

  const category = rateLimitCategoryOf({ method: request.method, pathname, headers: request.headers });
  if (category) {
    const outcome = await consumeRateLimit(category, rateLimitKey({ ip: getClientIp(request) }));
    if (!outcome.allowed) {
      return withHeaders(tooManyRequests(category, outcome.retryAfterSeconds), headers);
    }
  }

  // Next reads the nonce from the request's CSP and puts it on the scripts it renders; layouts
  // read x-nonce for scripts of their own. Whatever the client sent under these names is replaced.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", headers["Content-Security-Policy"] ?? "");
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), headers);
}

function tooManyRequests(category: "auth" | "general", retryAfterSeconds: number): NextResponse {
  const message =
    category === "auth"
      ? tooManyAttemptsMessage(retryAfterSeconds)
      : `Too many requests. Try again in ${describeWait(retryAfterSeconds)}.`;
  return NextResponse.json(
    { error: "Too many requests", message, retryAfterSeconds },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store" } },
  );
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// Not for build output, nor for the agent's report (lib/api/unproxied-route.ts says why; that route
// adds the same headers itself).
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/v1/hosts/update$).*)"],
};
