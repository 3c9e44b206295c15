// Small pieces the /api/v1/users, /roles and /audit route handlers share.
import { readJsonBody } from "@/lib/api/body";
import { getClientIp } from "@/lib/api/client-ip";
import { apiRoute } from "@/lib/api/route";
import { getEnv } from "@/lib/env";
import type { RequestMeta } from "./context";

export function requestMeta(request: Request): RequestMeta {
  const userAgent = request.headers.get("user-agent");
  return { ip: getClientIp(request), userAgent: userAgent ? userAgent.slice(0, 512) : null };
}

/** The JSON body (within JSON_BODY_LIMIT); `{}` when the body is empty and that is allowed. */
export async function readJson(request: Request, { optional = false } = {}): Promise<unknown> {
  const { value } = await readJsonBody(request, getEnv().bodyLimits.jsonBytes, { optional });
  return value ?? {};
}

export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

export type IdContext = { params: Promise<{ id: string }> };

/** apiRoute for a dynamic `[id]` segment. */
export function idRoute(handler: (request: Request, id: string) => Promise<Response>) {
  return (request: Request, context: IdContext): Promise<Response> =>
    apiRoute(async (req) => handler(req, (await context?.params)?.id ?? ""))(request);
}
