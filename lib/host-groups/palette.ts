// The host-group colour swatches. A module of its own so client components can use it without
// pulling zod into the browser (zod probes eval, which the Content-Security-Policy forbids).
export const HOST_GROUP_PALETTE = [
  "#3B82F6",
  "#10B981",
  "#F59E0B",
  "#EF4444",
  "#8B5CF6",
  "#EC4899",
  "#14B8A6",
  "#64748B",
] as const;
