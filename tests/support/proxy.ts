// Calls proxy.ts the way Next does: with a real NextRequest, returning its real response.
import { NextRequest } from "next/server";
import { resetEnvCache } from "@/lib/env";
import { proxy } from "@/proxy";

export type ProxyCall = { method?: string; ip?: string; headers?: Record<string, string> };

export function proxyRequest(
  path: string,
  { method = "GET", ip, headers = {} }: ProxyCall = {},
): NextRequest {
  return new NextRequest(`http://localhost:3000${path}`, {
    method,
    headers: { ...(ip ? { "x-forwarded-for": ip } : {}), ...headers },
  });
}

export function callProxy(path: string, call: ProxyCall = {}): Promise<Response> {
  return proxy(proxyRequest(path, call));
}

/** Whether the proxy let the request continue to the page or route (NextResponse.next()). */
export function passedThrough(response: Response): boolean {
  return response.headers.get("x-middleware-next") === "1";
}

/** Sets (or, for undefined, deletes) environment variables and forgets the parsed configuration. */
export function setTestEnv(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvCache();
}
