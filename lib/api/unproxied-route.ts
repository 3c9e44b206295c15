// What proxy.ts adds to every answer, for the one route its matcher leaves out: POST
// /api/v1/hosts/update, the agent's report. A request that passes through the proxy has its body
// buffered and copied by Next so that both the proxy and the route can read it; for a report of
// 2,000 packages (~300 kB) that cost ~4-5 ms of server CPU, a quarter of the whole report
// (bench/README.md). The report needs nothing else of the proxy: agents send no cookies and are not
// browsers (no CORS), and agent routes count their own rate limit per API id (lib/agent/auth.ts).
import { type Env, getEnv } from "@/lib/env";
import { getLogger, shouldLogRequests } from "@/lib/logger";
import { newNonce, securityHeaders } from "@/lib/security-headers";
import type { RouteHandler } from "./route";

/** The security headers of an answer (proxy.ts and unproxiedRoute). */
export function responseSecurityHeaders(env: Env, nonce: string): Record<string, string> {
  return securityHeaders(
    {
      development: env.nodeEnv === "development",
      protocol: env.server.protocol,
      enableHsts: env.server.enableHsts,
      oidcIssuer: env.oidc.enabled ? env.oidc.issuerUrl : null,
    },
    nonce,
  );
}

/** The proxy's request log line and security headers, for a route the proxy does not run for. */
export function unproxiedRoute(handler: RouteHandler): RouteHandler {
  return async (request) => {
    if (shouldLogRequests()) {
      getLogger("http").info({ method: request.method, path: new URL(request.url).pathname }, "request");
    }
    const response = await handler(request);
    for (const [name, value] of Object.entries(responseSecurityHeaders(getEnv(), newNonce()))) {
      response.headers.set(name, value);
    }
    return response;
  };
}
