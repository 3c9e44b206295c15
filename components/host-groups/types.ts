/** A host group as the page hands it to client components (dates as ISO strings). */
export type HostGroupView = {
  id: string;
  name: string;
  description: string | null;
  color: string;
  hostCount: number;
};
