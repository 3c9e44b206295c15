// Agent authentication and the wrapper every agent route uses: credentials from X-API-ID/X-API-KEY
// (or, as PatchMon allowed, apiId/apiKey in the JSON body), one answer for an unknown id and a wrong
// key, then the per-API-id rate limit. Authenticated requests only are counted, so nobody can
// exhaust a host's allowance by sending its (public) API id with wrong keys.
import { getHostCredentialsByApiId, type HostCredentialsRow } from "@/db/queries/hosts";
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

/**
 * Reads a host's credentials by API id, and whatever else a route wants in the same statement. It
 * gets the hash of the key sent, so that it can leave anything costly out of a row whose key does
 * not match: before the key is checked, a known id must cost little more than an unknown one.
 */
export type HostLookup<H extends HostCredentialsRow> = (
  apiId: string,
  keyHash: string,
  request: Request,
) => Promise<H | undefined>;

export type AgentRouteOptions = {
  /** none: GET; optional: JSON or nothing; required: JSON object; ignore: any bytes, never parsed. */
  body?: "none" | "optional" | "required" | "ignore";
  /** Body limit in bytes (default JSON_BODY_LIMIT). */
  bodyLimit?: () => number;
};

const credentialsOnly: HostLookup<HostCredentialsRow> = (apiId) => getHostCredentialsByApiId(apiId);

export const CREDENTIALS_REQUIRED = "API ID and Key required";
export const INVALID_CREDENTIALS = "Invalid API credentials";

// Compared against when the id is unknown, so that both failures take the same work.
const UNKNOWN_ID_HASH = hashSecret("no host has this key");
// Printable ASCII of sane length: anything else cannot be a credential (and NUL cannot reach SQL).
const CREDENTIAL_SHAPE = /^[\x21-\x7e]{1,128}$/;

function credentialsRequired(): ApiError {
  return new ApiError("credentials_required", 401, CREDENTIALS_REQUIRED);
}

/** Verifies an API id and key (and reads the host); throws the protocol's 401 otherwise. */
async function authenticateHost<H extends HostCredentialsRow>(
  apiId: string,
  apiKey: string,
  lookup: (apiId: string, keyHash: string) => Promise<H | undefined>,
): Promise<{ agent: AgentIdentity; host: Omit<H, "apiKeyHash"> }> {
  const invalid = new ApiError("invalid_credentials", 401, INVALID_CREDENTIALS);
  if (!CREDENTIAL_SHAPE.test(apiId) || !CREDENTIAL_SHAPE.test(apiKey)) throw invalid;
  const row = await lookup(apiId, hashSecret(apiKey));
  const matches = verifySecret(apiKey, row?.apiKeyHash ?? UNKNOWN_ID_HASH);
  if (!row || !matches) throw invalid;
  const { apiKeyHash: _hash, ...host } = row;
  return { agent: { hostId: row.id, apiId: row.apiId }, host };
}

function bodyCredentials(value: unknown): { apiId: string; apiKey: string } | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const { apiId, apiKey } = value as Record<string, unknown>;
  return typeof apiId === "string" && typeof apiKey === "string" && apiId && apiKey
    ? { apiId, apiKey }
    : null;
}

/** The wrapper of an agent route; with `lookup`, the handler also gets the row it read (no key hash). */
export function agentRoute<H extends HostCredentialsRow>(
  handler: (input: AgentRequest & { host: Omit<H, "apiKeyHash"> }) => Promise<Response>,
  options: AgentRouteOptions & { lookup: HostLookup<H> },
): RouteHandler;
export function agentRoute(
  handler: (input: AgentRequest) => Promise<Response>,
  options?: AgentRouteOptions,
): RouteHandler;
export function agentRoute(
  handler: (input: AgentRequest & { host: Omit<HostCredentialsRow, "apiKeyHash"> }) => Promise<Response>,
  options: AgentRouteOptions & { lookup?: HostLookup<HostCredentialsRow> } = {},
): RouteHandler {
  const mode = options.body ?? "none";
  const find = options.lookup ?? credentialsOnly;
  return apiRoute(async (request) => {
    const lookup = (apiId: string, keyHash: string) => find(apiId, keyHash, request);
    const limit = options.bodyLimit?.() ?? getEnv().bodyLimits.jsonBytes;
    const readBody = () =>
      mode === "none" ? Promise.resolve(new Uint8Array(0)) : readBodyBytes(request, limit);
    const apiId = request.headers.get("x-api-id")?.trim();
    const apiKey = request.headers.get("x-api-key")?.trim();
    let authenticated: Awaited<ReturnType<typeof authenticateHost>>;
    let bytes: Uint8Array;
    if (apiId && apiKey) {
      // Authenticate (and rate-limit) before reading a body of up to the limit.
      authenticated = await authenticateHost(apiId, apiKey, lookup);
      await enforceRateLimit("agent", authenticated.agent.apiId);
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
      authenticated = await authenticateHost(fromBody.apiId, fromBody.apiKey, lookup);
      await enforceRateLimit("agent", authenticated.agent.apiId);
    }
    const body =
      mode === "optional" || mode === "required"
        ? parseJsonBytes(bytes, { optional: mode === "optional" })
        : undefined;
    return handler({ request, ...authenticated, body, bodyBytes: bytes.byteLength });
  });
}
