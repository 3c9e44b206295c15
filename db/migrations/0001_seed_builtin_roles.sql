-- Built-in roles and the settings singleton. ON CONFLICT DO NOTHING: never overwrites a role an
-- administrator has since edited, and is harmless if re-applied.
INSERT INTO "roles" ("name", "description", "is_builtin",
  "can_view_dashboard", "can_view_hosts", "can_manage_hosts", "can_view_packages", "can_manage_packages",
  "can_view_users", "can_manage_users", "can_manage_superusers", "can_view_reports", "can_export_data",
  "can_manage_settings")
VALUES
  ('superadmin', 'Full access, including managing other superadmins', true,
    true, true, true, true, true, true, true, true, true, true, true),
  ('admin', 'Full access except managing superadmins', true,
    true, true, true, true, true, true, true, false, true, true, true),
  ('host_manager', 'Manages hosts and packages; no users or settings', true,
    true, true, true, true, true, false, false, false, true, true, false),
  ('user', 'Views hosts, packages and reports, and exports them', true,
    true, true, false, true, false, false, false, false, true, true, false),
  ('readonly', 'Views hosts, packages and reports only', true,
    true, true, false, true, false, false, false, false, true, false, false)
ON CONFLICT ("name") DO NOTHING;
--> statement-breakpoint
INSERT INTO "settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;
