// Audit trail of security-relevant actions. Never carries secrets: details are small facts
// (role names, reasons), and a failure to write one is logged, not fatal to the action.
import { insertAuditEntry } from "@/db/queries/audit";
import { getLogger } from "@/lib/logger";

export type AuditAction =
  | "auth.login"
  | "auth.login_failed"
  | "auth.locked"
  | "auth.logout"
  | "auth.tfa_failed"
  | "auth.tfa_locked"
  | "auth.sso_login"
  | "auth.sso_denied"
  | "setup.first_admin"
  | "session.revoked"
  | "session.revoked_others"
  | "tfa.enabled"
  | "tfa.disabled"
  | "tfa.backup_codes_regenerated"
  | "tfa.reset"
  | "tfa.device_revoked"
  | "user.created"
  | "user.updated"
  | "user.role_changed"
  | "user.disabled"
  | "user.enabled"
  | "user.deleted"
  | "user.password_reset"
  | "user.password_changed"
  | "user.unlocked"
  | "role.created"
  | "role.updated"
  | "role.deleted"
  | "host.created"
  | "host.deleted"
  | "host.credentials_regenerated"
  | "host.notes_updated"
  | "host.auto_update_changed"
  | "host.report_requested"
  | "host.groups_changed"
  | "host.install_command_issued"
  | "host_group.created"
  | "host_group.updated"
  | "host_group.deleted"
  | "alert.acknowledged"
  | "alert.resolved"
  | "alert.assigned"
  | "alert_settings.updated"
  | "channel.created"
  | "channel.updated"
  | "channel.deleted"
  | "channel.tested"
  | "rule.created"
  | "rule.updated"
  | "rule.deleted"
  | "dashboard.layout_saved"
  | "dashboard.layout_reset"
  | "job.run_now"
  | "job.paused"
  | "job.resumed"
  | "job.failed_retried"
  | "settings.updated"
  | "enrolment_token.created"
  | "enrolment_token.updated"
  | "enrolment_token.disabled"
  | "enrolment_token.deleted"
  | "branding.updated";

export type AuditEvent = {
  action: AuditAction;
  actor: { userId: string | null; label: string };
  target?: { type: string; id: string };
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
};

export async function audit(event: AuditEvent): Promise<void> {
  try {
    await insertAuditEntry({
      actorUserId: event.actor.userId,
      actorLabel: event.actor.label,
      action: event.action,
      targetType: event.target?.type ?? null,
      targetId: event.target?.id ?? null,
      ip: event.ip ?? null,
      userAgent: event.userAgent ?? null,
      details: event.details ?? null,
    });
  } catch (error) {
    getLogger("audit").error({ err: error, action: event.action }, "could not write audit entry");
  }
}
