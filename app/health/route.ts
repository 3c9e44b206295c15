import { getHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await getHealth();
  return Response.json(health, {
    status: health.database.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
