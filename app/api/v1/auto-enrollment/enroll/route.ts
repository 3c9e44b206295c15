// POST /api/v1/auto-enrollment/enroll with X-Auto-Enrollment-Key/-Secret:
// {friendly_name, machine_id?, metadata?} -> {apiId, apiKey, hostId}.
// 201 for a new host, 200 when a machine this token enrolled before gets its host back (new key).
import { z } from "zod";
import { enrolHost } from "@/lib/agent/enrolment";
import { readJsonBody } from "@/lib/api/body";
import { getClientIp } from "@/lib/api/client-ip";
import { ApiError } from "@/lib/api/errors";
import { apiRoute, json } from "@/lib/api/route";
import { parseWith } from "@/lib/api/validation";
import { getLogger } from "@/lib/logger";
import { enforceRateLimit } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !/\p{Cc}/u.test(value), "must not contain control characters");

const enrolSchema = z.object({
  friendly_name: text(255),
  machine_id: text(255).nullish(),
  metadata: z.unknown().optional(),
});

const CREDENTIAL_SHAPE = /^[\x21-\x7e]{1,128}$/;

export const POST = apiRoute(async (request) => {
  const tokenKey = request.headers.get("x-auto-enrollment-key")?.trim();
  const secret = request.headers.get("x-auto-enrollment-secret")?.trim();
  if (!tokenKey || !secret) {
    throw new ApiError("credentials_required", 401, "Auto-enrollment credentials required");
  }
  if (!CREDENTIAL_SHAPE.test(tokenKey) || !CREDENTIAL_SHAPE.test(secret)) {
    throw new ApiError("invalid_enrolment_token", 401, "Invalid or inactive enrollment token");
  }
  // Counted per client address before the secret is checked: the token key appears in scripts, so
  // keying on it would let anyone who saw it use up the token's allowance with wrong secrets.
  const clientIp = getClientIp(request);
  await enforceRateLimit("agent", clientIp ? `enrol-ip:${clientIp}` : `enrol:${tokenKey}`);
  const { value } = await readJsonBody(request, 64 * 1024);
  const body = parseWith(enrolSchema, value);
  try {
    const enrolled = await enrolHost({
      tokenKey,
      secret,
      clientIp,
      friendlyName: body.friendly_name,
      machineId: body.machine_id ?? null,
    });
    return json(
      { apiId: enrolled.apiId, apiKey: enrolled.apiKey, hostId: enrolled.hostId },
      { status: enrolled.created ? 201 : 200 },
    );
  } catch (error) {
    if (error instanceof ApiError && error.code === "ip_not_allowed" && clientIp === null) {
      getLogger("enrolment").warn(
        "enrolment refused: the token has an IP allow-list but the client address is unknown (TRUST_PROXY is off)",
      );
    }
    throw error;
  }
});
