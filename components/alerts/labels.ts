// Display names for the Alerts page; the lists mirror lib/alerts/types and db/schema/enums without
// importing them, so client bundles stay free of server code.
export const ALERT_TYPE_OPTIONS = [
  { value: "host_offline", label: "Host offline" },
  { value: "host_back_online", label: "Host back online" },
  { value: "new_security_updates", label: "New security updates" },
  { value: "reboot_required", label: "Reboot required" },
  { value: "agent_outdated", label: "Agent out of date" },
  { value: "report_failed", label: "Report failed" },
  { value: "enrolment_token_expiring", label: "Enrolment token expiring" },
] as const;

export const SEVERITY_OPTIONS = [
  { value: "informational", label: "Informational" },
  { value: "warning", label: "Warning" },
  { value: "error", label: "Error" },
  { value: "critical", label: "Critical" },
] as const;

export const STATUS_OPTIONS = [
  { value: "open", label: "Open" },
  { value: "acknowledged", label: "Acknowledged" },
  { value: "resolved", label: "Resolved" },
] as const;

export function alertTypeLabel(type: string): string {
  return ALERT_TYPE_OPTIONS.find((option) => option.value === type)?.label ?? type;
}
