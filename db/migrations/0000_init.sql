CREATE TYPE "public"."alert_severity" AS ENUM('informational', 'warning', 'error', 'critical');--> statement-breakpoint
CREATE TYPE "public"."alert_status" AS ENUM('open', 'acknowledged', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."host_status" AS ENUM('pending', 'active', 'stale', 'offline');--> statement-breakpoint
CREATE TYPE "public"."report_status" AS ENUM('success', 'failed', 'unchanged');--> statement-breakpoint
CREATE TABLE "agent_commands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"host_id" uuid NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb,
	"status" text DEFAULT 'queued' NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	CONSTRAINT "agent_commands_type_check" CHECK ("agent_commands"."type" in ('report_now', 'update_agent', 'interval_changed')),
	CONSTRAINT "agent_commands_status_check" CHECK ("agent_commands"."status" in ('queued', 'delivered', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "bootstrap_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"host_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "bootstrap_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "alert_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alert_id" uuid NOT NULL,
	"user_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_settings" (
	"type" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"severity" "alert_severity" DEFAULT 'warning' NOT NULL,
	"thresholds" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"severity" "alert_severity" NOT NULL,
	"status" "alert_status" DEFAULT 'open' NOT NULL,
	"host_id" uuid,
	"title" text NOT NULL,
	"message" text,
	"metadata" jsonb,
	"dedup_key" text,
	"assigned_to_user_id" uuid,
	"acknowledged_by_user_id" uuid,
	"acknowledged_at" timestamp with time zone,
	"resolved_by_user_id" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"token_prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"scopes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"allowed_ip_ranges" text[] DEFAULT '{}' NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "enrolment_token_host_groups" (
	"token_id" uuid NOT NULL,
	"host_group_id" uuid NOT NULL,
	CONSTRAINT "enrolment_token_host_groups_token_id_host_group_id_pk" PRIMARY KEY("token_id","host_group_id")
);
--> statement-breakpoint
CREATE TABLE "enrolment_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"token_key" text NOT NULL,
	"secret_hash" text NOT NULL,
	"max_hosts_per_day" integer DEFAULT 100 NOT NULL,
	"allowed_ip_ranges" text[] DEFAULT '{}' NOT NULL,
	"expires_at" timestamp with time zone,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by_user_id" uuid,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrolment_tokens_token_key_unique" UNIQUE("token_key")
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_id" uuid NOT NULL,
	"host_id" uuid,
	"machine_id" text,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "host_group_memberships" (
	"host_id" uuid NOT NULL,
	"host_group_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "host_group_memberships_host_id_host_group_id_pk" PRIMARY KEY("host_id","host_group_id")
);
--> statement-breakpoint
CREATE TABLE "host_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"color" text DEFAULT '#3B82F6' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "host_groups_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "hosts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"api_id" text NOT NULL,
	"api_key_hash" text NOT NULL,
	"friendly_name" text NOT NULL,
	"hostname" text,
	"machine_id" text,
	"ip" text,
	"os_type" text,
	"os_version" text,
	"architecture" text,
	"kernel_version" text,
	"installed_kernel_version" text,
	"selinux_status" text,
	"system_uptime" text,
	"load_average" jsonb,
	"cpu_model" text,
	"cpu_cores" integer,
	"ram_installed" real,
	"swap_size" real,
	"disk_details" jsonb,
	"gateway_ip" text,
	"dns_servers" jsonb,
	"network_interfaces" jsonb,
	"agent_version" text,
	"needs_reboot" boolean DEFAULT false NOT NULL,
	"reboot_reason" text,
	"status" "host_status" DEFAULT 'pending' NOT NULL,
	"last_report_status" "report_status",
	"last_report_error" text,
	"last_report_at" timestamp with time zone,
	"last_contact_at" timestamp with time zone,
	"packages_hash" text,
	"updates_count" integer DEFAULT 0 NOT NULL,
	"security_updates_count" integer DEFAULT 0 NOT NULL,
	"total_packages" integer DEFAULT 0 NOT NULL,
	"oldest_security_pending_since" timestamp with time zone,
	"notes" text,
	"auto_update" boolean DEFAULT true NOT NULL,
	"update_interval_applied" integer,
	"enrolment_token_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hosts_api_id_unique" UNIQUE("api_id")
);
--> statement-breakpoint
CREATE TABLE "notification_channels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secret_encrypted" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_channels_type_check" CHECK ("notification_channels"."type" in ('email', 'webhook', 'slack', 'discord', 'teams', 'ntfy', 'gotify'))
);
--> statement-breakpoint
CREATE TABLE "notification_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_id" uuid NOT NULL,
	"rule_id" uuid,
	"alert_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "notification_deliveries_status_check" CHECK ("notification_deliveries"."status" in ('pending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "notification_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"channel_id" uuid NOT NULL,
	"alert_types" text[] DEFAULT '{}' NOT NULL,
	"min_severity" "alert_severity" DEFAULT 'warning' NOT NULL,
	"host_group_ids" uuid[] DEFAULT '{}' NOT NULL,
	"digest_minutes" integer,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "host_packages" (
	"host_id" uuid NOT NULL,
	"package_id" uuid NOT NULL,
	"current_version" text NOT NULL,
	"available_version" text,
	"needs_update" boolean DEFAULT false NOT NULL,
	"is_security_update" boolean,
	"first_seen_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "host_packages_host_id_package_id_pk" PRIMARY KEY("host_id","package_id")
);
--> statement-breakpoint
CREATE TABLE "packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"package_manager" text NOT NULL,
	"description" text,
	"category" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "packages_name_package_manager_key" UNIQUE("name","package_manager")
);
--> statement-breakpoint
CREATE TABLE "report_daily_aggregates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"day" date NOT NULL,
	"host_id" uuid,
	"reports_count" integer DEFAULT 0 NOT NULL,
	"failed_reports_count" integer DEFAULT 0 NOT NULL,
	"hosts_reporting" integer DEFAULT 0 NOT NULL,
	"packages_count" integer DEFAULT 0 NOT NULL,
	"updates_count" integer DEFAULT 0 NOT NULL,
	"security_updates_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_daily_aggregates_day_host_key" UNIQUE NULLS NOT DISTINCT("day","host_id")
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"host_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "report_status" NOT NULL,
	"packages_count" integer DEFAULT 0 NOT NULL,
	"updates_count" integer DEFAULT 0 NOT NULL,
	"security_updates_count" integer DEFAULT 0 NOT NULL,
	"payload_bytes" integer,
	"execution_time_ms" integer,
	"agent_version" text,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "host_repositories" (
	"host_id" uuid NOT NULL,
	"repository_id" uuid NOT NULL,
	"is_enabled" boolean DEFAULT true NOT NULL,
	"last_checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "host_repositories_host_id_repository_id_pk" PRIMARY KEY("host_id","repository_id")
);
--> statement-breakpoint
CREATE TABLE "repositories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"distribution" text DEFAULT '' NOT NULL,
	"components" text DEFAULT '' NOT NULL,
	"repo_type" text NOT NULL,
	"is_secure" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repositories_identity_key" UNIQUE("url","distribution","components","repo_type"),
	CONSTRAINT "repositories_repo_type_check" CHECK ("repositories"."repo_type" in ('deb', 'deb-src', 'rpm', 'apk', 'pacman', 'zypper', 'freebsd'))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"user_agent" text,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"tfa_verified" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"server_protocol" text DEFAULT 'http' NOT NULL,
	"server_host" text DEFAULT 'localhost' NOT NULL,
	"server_port" integer DEFAULT 3000 NOT NULL,
	"update_interval" integer DEFAULT 60 NOT NULL,
	"auto_update" boolean DEFAULT false NOT NULL,
	"ignore_ssl_self_signed" boolean DEFAULT false NOT NULL,
	"signup_enabled" boolean DEFAULT false NOT NULL,
	"default_role_id" uuid,
	"logo_dark" text,
	"logo_light" text,
	"favicon" text,
	"report_retention_days" integer DEFAULT 90 NOT NULL,
	"metrics_enabled" boolean DEFAULT false NOT NULL,
	"version_check_enabled" boolean DEFAULT false NOT NULL,
	"latest_version" text,
	"version_checked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "settings_singleton" CHECK ("settings"."id" = 1),
	CONSTRAINT "settings_server_protocol_check" CHECK ("settings"."server_protocol" in ('http', 'https')),
	CONSTRAINT "settings_server_port_range" CHECK ("settings"."server_port" between 1 and 65535),
	CONSTRAINT "settings_update_interval_range" CHECK ("settings"."update_interval" between 5 and 1440),
	CONSTRAINT "settings_report_retention_days_positive" CHECK ("settings"."report_retention_days" >= 1)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"ip" text,
	"user_agent" text,
	"details" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dashboard_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"layout" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_name" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"status" text DEFAULT 'running' NOT NULL,
	"error" text,
	"result" jsonb,
	"triggered_by" text DEFAULT 'schedule' NOT NULL,
	CONSTRAINT "job_runs_status_check" CHECK ("job_runs"."status" in ('running', 'succeeded', 'failed')),
	CONSTRAINT "job_runs_triggered_by_check" CHECK ("job_runs"."triggered_by" in ('schedule', 'manual'))
);
--> statement-breakpoint
CREATE TABLE "role_host_groups" (
	"role_id" uuid NOT NULL,
	"host_group_id" uuid NOT NULL,
	CONSTRAINT "role_host_groups_role_id_host_group_id_pk" PRIMARY KEY("role_id","host_group_id")
);
--> statement-breakpoint
CREATE TABLE "roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"is_builtin" boolean DEFAULT false NOT NULL,
	"can_view_dashboard" boolean DEFAULT false NOT NULL,
	"can_view_hosts" boolean DEFAULT false NOT NULL,
	"can_manage_hosts" boolean DEFAULT false NOT NULL,
	"can_view_packages" boolean DEFAULT false NOT NULL,
	"can_manage_packages" boolean DEFAULT false NOT NULL,
	"can_view_users" boolean DEFAULT false NOT NULL,
	"can_manage_users" boolean DEFAULT false NOT NULL,
	"can_manage_superusers" boolean DEFAULT false NOT NULL,
	"can_view_reports" boolean DEFAULT false NOT NULL,
	"can_export_data" boolean DEFAULT false NOT NULL,
	"can_manage_settings" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roles_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "tfa_backup_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tfa_remembered_devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"user_agent" text,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tfa_remembered_devices_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "user_host_groups" (
	"user_id" uuid NOT NULL,
	"host_group_id" uuid NOT NULL,
	CONSTRAINT "user_host_groups_user_id_host_group_id_pk" PRIMARY KEY("user_id","host_group_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"email" text NOT NULL,
	"password_hash" text,
	"password_changed_at" timestamp with time zone,
	"first_name" text,
	"last_name" text,
	"role_id" uuid NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"failed_login_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"tfa_enabled" boolean DEFAULT false NOT NULL,
	"tfa_secret_encrypted" text,
	"tfa_failed_attempts" integer DEFAULT 0 NOT NULL,
	"tfa_locked_until" timestamp with time zone,
	"oidc_subject" text,
	"oidc_issuer" text,
	"theme_preference" text DEFAULT 'system' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_lowercase" CHECK ("users"."username" = lower("users"."username")),
	CONSTRAINT "users_oidc_pair" CHECK (("users"."oidc_subject" is null) = ("users"."oidc_issuer" is null)),
	CONSTRAINT "users_theme_preference_check" CHECK ("users"."theme_preference" in ('light', 'dark', 'system'))
);
--> statement-breakpoint
ALTER TABLE "agent_commands" ADD CONSTRAINT "agent_commands_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_commands" ADD CONSTRAINT "agent_commands_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bootstrap_tokens" ADD CONSTRAINT "bootstrap_tokens_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_comments" ADD CONSTRAINT "alert_comments_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_comments" ADD CONSTRAINT "alert_comments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_assigned_to_user_id_users_id_fk" FOREIGN KEY ("assigned_to_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_acknowledged_by_user_id_users_id_fk" FOREIGN KEY ("acknowledged_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_resolved_by_user_id_users_id_fk" FOREIGN KEY ("resolved_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment_token_host_groups" ADD CONSTRAINT "enrolment_token_host_groups_token_id_enrolment_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."enrolment_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment_token_host_groups" ADD CONSTRAINT "enrolment_token_host_groups_host_group_id_host_groups_id_fk" FOREIGN KEY ("host_group_id") REFERENCES "public"."host_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment_tokens" ADD CONSTRAINT "enrolment_tokens_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_token_id_enrolment_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."enrolment_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_group_memberships" ADD CONSTRAINT "host_group_memberships_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_group_memberships" ADD CONSTRAINT "host_group_memberships_host_group_id_host_groups_id_fk" FOREIGN KEY ("host_group_id") REFERENCES "public"."host_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hosts" ADD CONSTRAINT "hosts_enrolment_token_id_enrolment_tokens_id_fk" FOREIGN KEY ("enrolment_token_id") REFERENCES "public"."enrolment_tokens"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_channel_id_notification_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."notification_channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_rule_id_notification_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."notification_rules"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_rules" ADD CONSTRAINT "notification_rules_channel_id_notification_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."notification_channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_packages" ADD CONSTRAINT "host_packages_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_packages" ADD CONSTRAINT "host_packages_package_id_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_daily_aggregates" ADD CONSTRAINT "report_daily_aggregates_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_repositories" ADD CONSTRAINT "host_repositories_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_repositories" ADD CONSTRAINT "host_repositories_repository_id_repositories_id_fk" FOREIGN KEY ("repository_id") REFERENCES "public"."repositories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_default_role_id_roles_id_fk" FOREIGN KEY ("default_role_id") REFERENCES "public"."roles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dashboard_preferences" ADD CONSTRAINT "dashboard_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_host_groups" ADD CONSTRAINT "role_host_groups_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_host_groups" ADD CONSTRAINT "role_host_groups_host_group_id_host_groups_id_fk" FOREIGN KEY ("host_group_id") REFERENCES "public"."host_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tfa_backup_codes" ADD CONSTRAINT "tfa_backup_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tfa_remembered_devices" ADD CONSTRAINT "tfa_remembered_devices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_host_groups" ADD CONSTRAINT "user_host_groups_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_host_groups" ADD CONSTRAINT "user_host_groups_host_group_id_host_groups_id_fk" FOREIGN KEY ("host_group_id") REFERENCES "public"."host_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agent_commands_queued_host_type_key" ON "agent_commands" USING btree ("host_id","type") WHERE "agent_commands"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "bootstrap_tokens_expires_at_idx" ON "bootstrap_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "bootstrap_tokens_host_id_idx" ON "bootstrap_tokens" USING btree ("host_id");--> statement-breakpoint
CREATE INDEX "alert_comments_alert_id_idx" ON "alert_comments" USING btree ("alert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_dedup_key_key" ON "alerts" USING btree ("dedup_key") WHERE "alerts"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "alerts_status_idx" ON "alerts" USING btree ("status");--> statement-breakpoint
CREATE INDEX "alerts_host_id_idx" ON "alerts" USING btree ("host_id");--> statement-breakpoint
CREATE INDEX "alerts_created_at_idx" ON "alerts" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "enrolment_token_host_groups_host_group_id_idx" ON "enrolment_token_host_groups" USING btree ("host_group_id");--> statement-breakpoint
CREATE INDEX "enrolment_tokens_expires_at_idx" ON "enrolment_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "enrolments_token_id_created_at_idx" ON "enrolments" USING btree ("token_id","created_at");--> statement-breakpoint
CREATE INDEX "enrolments_token_id_machine_id_idx" ON "enrolments" USING btree ("token_id","machine_id");--> statement-breakpoint
CREATE INDEX "enrolments_host_id_idx" ON "enrolments" USING btree ("host_id");--> statement-breakpoint
CREATE INDEX "host_group_memberships_host_group_id_idx" ON "host_group_memberships" USING btree ("host_group_id");--> statement-breakpoint
CREATE INDEX "hosts_status_idx" ON "hosts" USING btree ("status");--> statement-breakpoint
CREATE INDEX "hosts_last_contact_at_idx" ON "hosts" USING btree ("last_contact_at");--> statement-breakpoint
CREATE INDEX "hosts_friendly_name_idx" ON "hosts" USING btree ("friendly_name");--> statement-breakpoint
CREATE INDEX "hosts_hostname_idx" ON "hosts" USING btree ("hostname");--> statement-breakpoint
CREATE INDEX "hosts_machine_id_idx" ON "hosts" USING btree ("machine_id");--> statement-breakpoint
CREATE INDEX "hosts_os_type_idx" ON "hosts" USING btree ("os_type");--> statement-breakpoint
CREATE INDEX "hosts_updates_count_idx" ON "hosts" USING btree ("updates_count");--> statement-breakpoint
CREATE INDEX "hosts_security_updates_count_idx" ON "hosts" USING btree ("security_updates_count");--> statement-breakpoint
CREATE INDEX "hosts_oldest_security_pending_since_idx" ON "hosts" USING btree ("oldest_security_pending_since");--> statement-breakpoint
CREATE INDEX "hosts_enrolment_token_id_idx" ON "hosts" USING btree ("enrolment_token_id");--> statement-breakpoint
CREATE INDEX "notification_deliveries_channel_id_created_at_idx" ON "notification_deliveries" USING btree ("channel_id","created_at");--> statement-breakpoint
CREATE INDEX "notification_deliveries_alert_id_idx" ON "notification_deliveries" USING btree ("alert_id");--> statement-breakpoint
CREATE INDEX "notification_rules_channel_id_idx" ON "notification_rules" USING btree ("channel_id");--> statement-breakpoint
CREATE INDEX "host_packages_package_id_idx" ON "host_packages" USING btree ("package_id");--> statement-breakpoint
CREATE INDEX "host_packages_pending_package_id_idx" ON "host_packages" USING btree ("package_id") WHERE "host_packages"."needs_update";--> statement-breakpoint
CREATE INDEX "host_packages_security_pending_idx" ON "host_packages" USING btree ("host_id","first_seen_at") WHERE "host_packages"."needs_update" and "host_packages"."is_security_update";--> statement-breakpoint
CREATE INDEX "report_daily_aggregates_host_id_day_idx" ON "report_daily_aggregates" USING btree ("host_id","day");--> statement-breakpoint
CREATE INDEX "reports_host_id_created_at_idx" ON "reports" USING btree ("host_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "reports_created_at_idx" ON "reports" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "host_repositories_repository_id_idx" ON "host_repositories" USING btree ("repository_id");--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_at_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "audit_log_created_at_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_user_id_idx" ON "audit_log" USING btree ("actor_user_id");--> statement-breakpoint
CREATE INDEX "job_runs_job_name_started_at_idx" ON "job_runs" USING btree ("job_name","started_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "job_runs_started_at_idx" ON "job_runs" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "role_host_groups_host_group_id_idx" ON "role_host_groups" USING btree ("host_group_id");--> statement-breakpoint
CREATE INDEX "tfa_backup_codes_user_id_idx" ON "tfa_backup_codes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "tfa_remembered_devices_user_id_idx" ON "tfa_remembered_devices" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "tfa_remembered_devices_expires_at_idx" ON "tfa_remembered_devices" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "user_host_groups_host_group_id_idx" ON "user_host_groups" USING btree ("host_group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_lower_key" ON "users" USING btree (lower("username"));--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "users_oidc_identity_key" ON "users" USING btree ("oidc_issuer","oidc_subject");--> statement-breakpoint
CREATE INDEX "users_role_id_idx" ON "users" USING btree ("role_id");