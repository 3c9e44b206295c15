CREATE TABLE "alert_host_states" (
	"host_id" uuid PRIMARY KEY NOT NULL,
	"security_update_keys" text[] DEFAULT '{}' NOT NULL,
	"reboot_required_since" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_controls" (
	"job_name" text PRIMARY KEY NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notification_deliveries" ADD COLUMN "payload" jsonb;--> statement-breakpoint
ALTER TABLE "job_runs" ADD COLUMN "scheduled_for" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alert_host_states" ADD CONSTRAINT "alert_host_states_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_controls" ADD CONSTRAINT "job_controls_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_deliveries_rule_id_created_at_idx" ON "notification_deliveries" USING btree ("rule_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_job_name_scheduled_for_key" ON "job_runs" USING btree ("job_name","scheduled_for") WHERE "job_runs"."scheduled_for" is not null;