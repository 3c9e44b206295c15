// Auto-enrolment tokens as the Settings page manages them. The secret exists in plain text only in
// the create result (shown once); the database keeps its hash, and lists never carry it.
import {
  createEnrolmentToken,
  deleteEnrolmentToken,
  type EnrolmentTokenListRow,
  listEnrolmentTokens,
  type PublicEnrolmentToken,
  setEnrolmentTokenActiveById,
} from "@/db/queries/enrolment";
import { existingHostGroupIds, listHostGroupOptions } from "@/db/queries/roles";
import { getSettings } from "@/db/queries/settings";
import { withTransaction } from "@/db/queries/transaction";
import { generateEnrolmentKey, generateSecret, hashSecret } from "@/lib/agent/credentials";
import { type EnrolmentCommands, enrolmentCommands } from "@/lib/agent/enrolment-commands";
import { curlFlags, resolveServerUrl } from "@/lib/agent/install-script";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError, ServiceError } from "@/lib/errors";
import { assertSettingsAdmin, auditBy, type RequestMeta } from "./context";
import { type EnrolmentTokenInput, enrolmentTokenSchema } from "./schemas";

export type { EnrolmentTokenListRow };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listEnrolmentTokensFor(actor: Actor): Promise<EnrolmentTokenListRow[]> {
  assertSettingsAdmin(actor);
  return listEnrolmentTokens();
}

/** Groups a token may put new hosts in (every group: settings administrators see the whole fleet). */
export async function listEnrolmentGroupChoicesFor(actor: Actor) {
  assertSettingsAdmin(actor);
  return listHostGroupOptions();
}

export type CreatedEnrolmentToken = {
  token: PublicEnrolmentToken;
  secret: string;
  commands: EnrolmentCommands;
};

export async function createEnrolmentTokenFor(
  actor: Actor,
  input: EnrolmentTokenInput,
  meta: RequestMeta = {},
): Promise<CreatedEnrolmentToken> {
  assertSettingsAdmin(actor);
  const values = enrolmentTokenSchema.parse(input);
  const secret = generateSecret();
  const token = await withTransaction(async (tx) => {
    const groupIds = [...new Set(values.groupIds)];
    const existing = await existingHostGroupIds(groupIds, tx);
    if (existing.length !== groupIds.length) {
      throw new ServiceError("A chosen host group no longer exists.", {
        fieldErrors: { groupIds: ["A chosen host group no longer exists; reload the page."] },
      });
    }
    return createEnrolmentToken(
      {
        name: values.name,
        tokenKey: generateEnrolmentKey(),
        secretHash: hashSecret(secret),
        maxHostsPerDay: values.maxHostsPerDay,
        allowedIpRanges: values.allowedIpRanges,
        expiresAt: values.expiresOn,
        groupIds,
        createdByUserId: actor.userId,
      },
      tx,
    );
  });
  await auditBy(actor, meta, {
    action: "enrolment_token.created",
    target: { type: "enrolment_token", id: token.id },
    details: { name: token.name, tokenKey: token.tokenKey, maxHostsPerDay: token.maxHostsPerDay },
  });
  const settings = await getSettings();
  const commands = enrolmentCommands({
    serverUrl: resolveServerUrl(settings),
    curlFlags: curlFlags(settings),
    tokenKey: token.tokenKey,
    secret,
  });
  return { token, secret, commands };
}

function tokenIdOrNotFound(id: string): string {
  if (!UUID.test(id)) throw new NotFoundError("Enrolment token not found.");
  return id;
}

export async function setEnrolmentTokenEnabledFor(
  actor: Actor,
  id: string,
  enabled: boolean,
  meta: RequestMeta = {},
): Promise<PublicEnrolmentToken> {
  assertSettingsAdmin(actor);
  const token = await setEnrolmentTokenActiveById(tokenIdOrNotFound(id), enabled);
  if (!token) throw new NotFoundError("Enrolment token not found.");
  await auditBy(actor, meta, {
    action: enabled ? "enrolment_token.updated" : "enrolment_token.disabled",
    target: { type: "enrolment_token", id: token.id },
    details: { name: token.name, enabled },
  });
  return token;
}

export async function deleteEnrolmentTokenFor(
  actor: Actor,
  id: string,
  meta: RequestMeta = {},
): Promise<PublicEnrolmentToken> {
  assertSettingsAdmin(actor);
  const token = await deleteEnrolmentToken(tokenIdOrNotFound(id));
  if (!token) throw new NotFoundError("Enrolment token not found.");
  await auditBy(actor, meta, {
    action: "enrolment_token.deleted",
    target: { type: "enrolment_token", id: token.id },
    details: { name: token.name, tokenKey: token.tokenKey },
  });
  return token;
}
