ALTER TABLE "role_host_groups" DROP CONSTRAINT "role_host_groups_host_group_id_host_groups_id_fk";
--> statement-breakpoint
ALTER TABLE "user_host_groups" DROP CONSTRAINT "user_host_groups_host_group_id_host_groups_id_fk";
--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "setup_completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_trusted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "role_host_groups" ADD CONSTRAINT "role_host_groups_host_group_id_host_groups_id_fk" FOREIGN KEY ("host_group_id") REFERENCES "public"."host_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_host_groups" ADD CONSTRAINT "user_host_groups_host_group_id_host_groups_id_fk" FOREIGN KEY ("host_group_id") REFERENCES "public"."host_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
-- Accounts that exist already were made by setup, an administrator or the CLI.
UPDATE "users" SET "email_trusted" = true;--> statement-breakpoint
-- An installation that already has an administrator has finished its first-run setup.
UPDATE "settings" SET "setup_completed_at" = now()
WHERE "setup_completed_at" IS NULL AND EXISTS (
  SELECT 1 FROM "users" u JOIN "roles" r ON r."id" = u."role_id"
  WHERE u."is_active" AND r."can_manage_settings" AND r."can_manage_users");
