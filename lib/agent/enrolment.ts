// Getting credentials onto a host: created by an operator (CLI now, UI later), installed with a
// one-time bootstrap token, or enrolled by a script holding an auto-enrolment token.
//
// Why the key rotates at bootstrap exchange: the install command (and so the token, or the key
// headers PatchMon's command carried) lands in shell history, terminal scrollback and possibly
// proxy logs. Handing out a fresh key at exchange means nothing that was ever on a command line
// maps to the key the agent keeps; the key shown at creation stops working once the agent installs.
import {
  consumeBootstrapToken,
  getBootstrapTokenHost,
  createBootstrapToken as insertBootstrapToken,
  revokeUnusedBootstrapTokens,
} from "@/db/queries/agent";
import {
  countRecentEnrolments,
  findEnrolledHostId,
  getEnrolmentTokenGroupIds,
  lockEnrolmentTokenByKey,
  recordEnrolment,
  touchEnrolmentToken,
} from "@/db/queries/enrolment";
import { createHost, findHostIdByMachineId, type PublicHost, setHostApiKeyHash } from "@/db/queries/hosts";
import { withTransaction } from "@/db/queries/transaction";
import { ApiError } from "@/lib/api/errors";
import { ipAllowed } from "@/lib/api/ip-allow-list";
import {
  BOOTSTRAP_TOKEN_PATTERN,
  BOOTSTRAP_TOKEN_TTL_MS,
  generateAgentCredentials,
  generateApiKey,
  generateSecret,
  hashSecret,
  verifySecret,
} from "./credentials";

export type IssuedCredentials = { hostId: string; apiId: string; apiKey: string };

/** Creates a host with fresh credentials; the key is in the result and nowhere else. */
export async function createHostWithCredentials(input: {
  friendlyName: string;
  groupIds?: string[];
}): Promise<{ host: PublicHost; apiKey: string }> {
  const { apiId, apiKey, apiKeyHash } = generateAgentCredentials();
  const host = await withTransaction((tx) =>
    createHost({ friendlyName: input.friendlyName, apiId, apiKeyHash, groupIds: input.groupIds }, tx),
  );
  return { host, apiKey };
}

/** A new key for a host (the old one and unused install commands stop working at once). Undefined when there is no such host. */
export async function rotateHostKey(hostId: string): Promise<IssuedCredentials | undefined> {
  const { apiKey, apiKeyHash } = generateApiKey();
  const apiId = await setHostApiKeyHash(hostId, apiKeyHash);
  if (!apiId) return undefined;
  // An install command handed out before the rotation must not fetch the new credentials.
  await revokeUnusedBootstrapTokens(hostId);
  return { hostId, apiId, apiKey };
}

/** A one-time token for the installer, valid for 5 minutes. Only its hash is stored. */
export async function issueBootstrapToken(hostId: string, now = Date.now()): Promise<string> {
  const token = generateSecret();
  await insertBootstrapToken({
    hostId,
    tokenHash: hashSecret(token),
    expiresAt: new Date(now + BOOTSTRAP_TOKEN_TTL_MS),
  });
  return token;
}

/** The host a still-valid token belongs to, without using it up (GET /hosts/install by token). */
export async function peekBootstrapToken(token: string) {
  if (!BOOTSTRAP_TOKEN_PATTERN.test(token)) return undefined;
  return getBootstrapTokenHost(hashSecret(token));
}

/** Uses a token once and returns the host's new credentials; 401 when unknown, used or expired. */
export async function exchangeBootstrapToken(token: string): Promise<IssuedCredentials> {
  const invalid = new ApiError("invalid_bootstrap_token", 401, "Invalid or expired bootstrap token");
  if (!BOOTSTRAP_TOKEN_PATTERN.test(token)) throw invalid;
  const { apiKey, apiKeyHash } = generateApiKey();
  const issued = await withTransaction(async (tx) => {
    const hostId = await consumeBootstrapToken(hashSecret(token), tx);
    if (!hostId) return undefined;
    const apiId = await setHostApiKeyHash(hostId, apiKeyHash, tx);
    return apiId ? { hostId, apiId, apiKey } : undefined;
  });
  if (!issued) throw invalid;
  return issued;
}

export type EnrolInput = {
  tokenKey: string;
  secret: string;
  clientIp: string | null;
  friendlyName: string;
  machineId: string | null;
};

const UNKNOWN_TOKEN_HASH = "0".repeat(64);

/**
 * Auto-enrolment. 401 for a wrong, disabled or expired token; 403 for an address outside the
 * token's allow-list, the daily limit, or a machine already registered some other way. A machine
 * this token enrolled before gets its existing host back with a new key, never a duplicate.
 */
export async function enrolHost(input: EnrolInput): Promise<IssuedCredentials & { created: boolean }> {
  const invalid = new ApiError("invalid_enrolment_token", 401, "Invalid or inactive enrollment token");
  return withTransaction(async (tx) => {
    const token = await lockEnrolmentTokenByKey(input.tokenKey, tx);
    // An unknown key still costs one hash comparison, so timing does not tell which keys exist.
    const secretMatches = verifySecret(input.secret, token?.secretHash ?? UNKNOWN_TOKEN_HASH);
    if (!token || !secretMatches || !token.isActive) throw invalid;
    if (token.expiresAt && token.expiresAt.getTime() <= Date.now()) {
      throw new ApiError("enrolment_token_expired", 401, "Enrollment token has expired");
    }
    if (!ipAllowed(input.clientIp, token.allowedIpRanges)) {
      throw new ApiError("ip_not_allowed", 403, "IP address not allowed for this enrollment token");
    }
    if (input.machineId) {
      const existing = await findEnrolledHostId(token.id, input.machineId, tx);
      if (existing) {
        const { apiKey, apiKeyHash } = generateApiKey();
        const apiId = await setHostApiKeyHash(existing, apiKeyHash, tx);
        if (apiId) {
          await touchEnrolmentToken(token.id, tx);
          return { hostId: existing, apiId, apiKey, created: false };
        }
      }
      if (await findHostIdByMachineId(input.machineId, tx)) {
        throw new ApiError("machine_already_enrolled", 403, "This machine is already registered as a host");
      }
    }
    if ((await countRecentEnrolments(token.id, tx)) >= token.maxHostsPerDay) {
      throw new ApiError("enrolment_limit", 403, "Daily enrollment limit reached for this token");
    }
    const { apiId, apiKey, apiKeyHash } = generateAgentCredentials();
    const host = await createHost(
      {
        friendlyName: input.friendlyName,
        apiId,
        apiKeyHash,
        machineId: input.machineId,
        enrolmentTokenId: token.id,
        groupIds: await getEnrolmentTokenGroupIds(token.id, tx),
      },
      tx,
    );
    await recordEnrolment(
      { tokenId: token.id, hostId: host.id, machineId: input.machineId, ip: input.clientIp },
      tx,
    );
    await touchEnrolmentToken(token.id, tx);
    return { hostId: host.id, apiId, apiKey, created: true };
  });
}
