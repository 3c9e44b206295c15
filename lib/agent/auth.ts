// Agent authentication and the wrapper every agent route uses: credentials from X-API-ID/X-API-KEY
// (or, as PatchMon allowed, apiId/apiKey in the JSON body), one answer for an unknown id and a wrong
// key, then the per-API-id rate limit. Authenticated requests only are counted, so nobody can
// exhaust a host's allowance by sending its (public) API id with wrong keys.
import { getHostCredentialsByApiId } from "@/db/queries/hosts";
import { parseJsonBytes, readBodyBytes } from "@/lib/api/body";
import { ApiError } from "@/lib/api/errors";
import { apiRoute, type RouteHandler } from "@/lib/api/route";
import { getEnv } from "@/lib/env";
import { enforceRateLimit } from "@/lib/rate-limit";
import { hashSecret, verifySecret } from "./credentials";

export type AgentIdentity = { hostId: string; apiId: string };

export type AgentRequest = {
  request: Request;
  agent: AgentIdentity;
  /** The parsed JSON body (undefined when the route takes none or it was empty). */
  body: unknown;
  /** Size of the body in bytes. */
  bodyBytes: number;
};

export type AgentRouteOptions = {
  /** none: GET; optional: JSON or nothing; required: JSON object; ignore: any bytes, never parsed. */
  body?: "none" | "optional" | "required" | "ignore";
  /** Body limit in bytes (default JSON_BODY_LIMIT). */
  bodyLimit?: () => number;
};

export const CREDENTIALS_REQUIRED = "API ID and Key required";
export const INVALID_CREDENTIALS = "Invalid API credentials";

// Compared against when the id is unknown, so that both failures take the same work.
const UNKNOWN_ID_HASH = hashSecret("no host has this key");
// Printable ASCII of sane length: anything else cannot be a credential (and NUL cannot reach SQL).
const CREDENTIAL_SHAPE = /^[\x21-\x7e]{1,128}$/;

function credentialsRequired(): ApiError {
  return new ApiError("credentials_required", 401, CREDENTIALS_REQUIRED);
}

/** Verifies an API id and key; throws the protocol's 401 otherwise. */
export async function authenticateAgent(apiId: string, apiKey: string): Promise<AgentIdentity> {
  const invalid = new ApiError("invalid_credentials", 401, INVALID_CREDENTIALS);
  if (!CREDENTIAL_SHAPE.test(apiId) || !CREDENTIAL_SHAPE.test(apiKey)) throw invalid;
  const host = await getHostCredentialsByApiId(apiId);
  const matches = verifySecret(apiKey, host?.apiKeyHash ?? UNKNOWN_ID_HASH);
  if (!host || !matches) throw invalid;
  return { hostId: host.id, apiId: host.apiId };
}

function bodyCredentials(value: unknown): { apiId: string; apiKey: string } | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const { apiId, apiKey } = value as Record<string, unknown>;
  return typeof apiId === "string" && typeof apiKey === "string" && apiId && apiKey
    ? { apiId, apiKey }
    : null;
}

export function agentRoute(
  handler: (input: AgentRequest) => Promise<Response>,
  options: AgentRouteOptions = {},
): RouteHandler {
  const mode = options.body ?? "none";
  return apiRoute(async (request) => {
    const limit = options.bodyLimit?.() ?? getEnv().bodyLimits.jsonBytes;
    const readBody = () =>
      mode === "none" ? Promise.resolve(new Uint8Array(0)) : readBodyBytes(request, limit);
    const apiId = request.headers.get("x-api-id")?.trim();
    const apiKey = request.headers.get("x-api-key")?.trim();
    let agent: AgentIdentity;
    let bytes: Uint8Array;
    if (apiId && apiKey) {
      // Authenticate (and rate-limit) before reading a body of up to the limit.
      agent = await authenticateAgent(apiId, apiKey);
      await enforceRateLimit("agent", agent.apiId);
      bytes = await readBody();
    } else {
      // Headers missing: PatchMon agents may send the credentials in the JSON body instead.
      bytes = await readBody();
      let parsed: unknown;
      try {
        parsed = mode === "none" ? undefined : parseJsonBytes(bytes, { optional: true });
      } catch {
        throw credentialsRequired();
      }
      const fromBody = bodyCredentials(parsed);
      if (!fromBody) throw credentialsRequired();
      agent = await authenticateAgent(fromBody.apiId, fromBody.apiKey);
      await enforceRateLimit("agent", agent.apiId);
    }
    const body =
      mode === "optional" || mode === "required"
        ? parseJsonBytes(bytes, { optional: mode === "optional" })
        : undefined;
    return handler({ request, agent, body, bodyBytes: bytes.byteLength });
  });
}
