// POST /api/v1/hosts/bootstrap/exchange {"token"} -> {"apiId","apiKey"}: single use, 5 minutes,
// and the host's key is rotated (see lib/agent/enrolment.ts for why).
import { z } from "zod";
import { exchangeBootstrapToken } from "@/lib/agent/enrolment";
import { readJsonBody } from "@/lib/api/body";
import { ApiError } from "@/lib/api/errors";
import { apiRoute, json } from "@/lib/api/route";

export const dynamic = "force-dynamic";

const exchangeSchema = z.object({ token: z.string() });

export const POST = apiRoute(async (request) => {
  const { value } = await readJsonBody(request, 4096, { optional: true });
  const parsed = exchangeSchema.safeParse(value);
  if (!parsed.success)
    throw new ApiError("invalid_bootstrap_token", 401, "Invalid or expired bootstrap token");
  const { apiId, apiKey } = await exchangeBootstrapToken(parsed.data.token.trim());
  return json({ apiId, apiKey });
});
