CREATE TABLE "package_stat_deltas" (
	"package_id" uuid NOT NULL,
	"hosts" integer NOT NULL,
	"updates" integer NOT NULL,
	"security" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "package_stats" (
	"package_id" uuid PRIMARY KEY NOT NULL,
	"hosts_count" integer DEFAULT 0 NOT NULL,
	"updates_count" integer DEFAULT 0 NOT NULL,
	"security_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "hosts_friendly_name_idx";--> statement-breakpoint
ALTER TABLE "package_stats" ADD CONSTRAINT "package_stats_package_id_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hosts_friendly_name_idx" ON "hosts" USING btree ("friendly_name","id");--> statement-breakpoint
-- package_stats is kept by statement-level triggers on host_packages: every statement that writes
-- host_packages (ingestion, host deletion cascades, bulk deletes, orphan cleanup) appends one row per
-- changed package to package_stat_deltas. Transition tables may not be shared by a trigger with
-- several events, hence one function and one trigger per event.
CREATE FUNCTION "package_stats_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO package_stat_deltas (package_id, hosts, updates, security)
  SELECT package_id, count(*)::int,
         (count(*) FILTER (WHERE needs_update))::int,
         (count(*) FILTER (WHERE needs_update AND is_security_update))::int
  FROM new_rows GROUP BY package_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "package_stats_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO package_stat_deltas (package_id, hosts, updates, security)
  SELECT package_id, -count(*)::int,
         -(count(*) FILTER (WHERE needs_update))::int,
         -(count(*) FILTER (WHERE needs_update AND is_security_update))::int
  FROM old_rows GROUP BY package_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "package_stats_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO package_stat_deltas (package_id, hosts, updates, security)
  SELECT package_id, sum(hosts)::int, sum(updates)::int, sum(security)::int
  FROM (
    SELECT package_id, 1 AS hosts, needs_update::int AS updates,
           (needs_update AND is_security_update IS TRUE)::int AS security
    FROM new_rows
    UNION ALL
    SELECT package_id, -1, -(needs_update::int), -((needs_update AND is_security_update IS TRUE)::int)
    FROM old_rows
  ) AS changes
  GROUP BY package_id
  HAVING sum(hosts) <> 0 OR sum(updates) <> 0 OR sum(security) <> 0;
  RETURN NULL;
END $$;--> statement-breakpoint
-- TRUNCATE has no transition table; it empties host_packages, so every count is zero.
CREATE FUNCTION "package_stats_after_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM package_stat_deltas;
  DELETE FROM package_stats;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "host_packages_stats_insert" AFTER INSERT ON "host_packages"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "package_stats_after_insert"();--> statement-breakpoint
CREATE TRIGGER "host_packages_stats_delete" AFTER DELETE ON "host_packages"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "package_stats_after_delete"();--> statement-breakpoint
CREATE TRIGGER "host_packages_stats_update" AFTER UPDATE ON "host_packages"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "package_stats_after_update"();--> statement-breakpoint
CREATE TRIGGER "host_packages_stats_truncate" AFTER TRUNCATE ON "host_packages"
  FOR EACH STATEMENT EXECUTE FUNCTION "package_stats_after_truncate"();--> statement-breakpoint
-- Backfill. CREATE TRIGGER above locked host_packages against writes until this migration commits,
-- so no change falls between the triggers and this count.
INSERT INTO "package_stats" ("package_id", "hosts_count", "updates_count", "security_count")
SELECT "package_id", count(*)::int,
       (count(*) FILTER (WHERE "needs_update"))::int,
       (count(*) FILTER (WHERE "needs_update" AND "is_security_update"))::int
FROM "host_packages" GROUP BY "package_id";
