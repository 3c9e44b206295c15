ALTER TABLE "hosts" ADD COLUMN "package_digest" text;--> statement-breakpoint
ALTER TABLE "hosts" ADD COLUMN "packages_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Random hashes do not compress: stored out of line without trying.
ALTER TABLE "hosts" ALTER COLUMN "package_digest" SET STORAGE EXTERNAL;--> statement-breakpoint
-- Deleting packages deletes their host rows (migration 0006); the digests of those hosts no longer
-- describe what is stored: they are cleared (the next full report compares in SQL again) and the
-- hosts' packages_version moves on (a report planned before cannot write).
CREATE OR REPLACE FUNCTION "host_packages_of_deleted_packages"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH gone AS (
    DELETE FROM host_packages hp USING deleted_packages d WHERE hp.package_id = d.id RETURNING hp.host_id
  )
  UPDATE hosts h SET package_digest = NULL, packages_version = h.packages_version + 1
  WHERE h.id IN (SELECT host_id FROM gone);
  RETURN NULL;
END $$;
