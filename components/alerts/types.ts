/** One alert as the table shows it (ISO times; nothing else of the row leaves the server). */
export type AlertRowView = {
  id: string;
  type: string;
  severity: string;
  status: string;
  title: string;
  hostName: string | null;
  assigneeUsername: string | null;
  createdAt: string;
};
