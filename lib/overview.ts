import { type FleetOverview, getFleetOverview as query } from "@/db/queries/overview";

export type { FleetOverview };

export async function getFleetOverview(): Promise<FleetOverview> {
  return query();
}
