// Who is on the other end of a server action or page request, for session rows, audit and limits.
import { headers } from "next/headers";
import { getClientIp } from "@/lib/api/client-ip";

export type RequestContext = { ip: string | null; userAgent: string | null };

export async function getRequestContext(): Promise<RequestContext> {
  const h = await headers();
  const userAgent = h.get("user-agent");
  return { ip: getClientIp({ headers: h }), userAgent: userAgent ? userAgent.slice(0, 512) : null };
}
