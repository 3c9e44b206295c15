// What the /api/v1/hosts route handlers take from a request besides the session.
import { getClientIp } from "@/lib/api/client-ip";
import type { RequestMeta } from "./service";

/** Client address and browser for the audit row. */
export function requestMeta(request: Request): RequestMeta {
  return { ip: getClientIp(request), userAgent: request.headers.get("user-agent")?.slice(0, 512) ?? null };
}

/** Next's context of a route under app/api/v1/hosts/[id]. */
export type HostRouteContext = { params: Promise<{ id: string }> };
