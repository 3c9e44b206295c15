ALTER TABLE "host_packages" DROP CONSTRAINT "host_packages_host_id_hosts_id_fk";
--> statement-breakpoint
ALTER TABLE "host_packages" DROP CONSTRAINT "host_packages_package_id_packages_id_fk";
--> statement-breakpoint
-- What ON DELETE CASCADE did, once per statement instead of a check per inserted row.
CREATE FUNCTION "host_packages_of_deleted_hosts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM host_packages hp USING deleted_hosts d WHERE hp.host_id = d.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "host_packages_of_deleted_packages"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM host_packages hp USING deleted_packages d WHERE hp.package_id = d.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "hosts_delete_host_packages" AFTER DELETE ON "hosts"
  REFERENCING OLD TABLE AS deleted_hosts FOR EACH STATEMENT EXECUTE FUNCTION "host_packages_of_deleted_hosts"();--> statement-breakpoint
CREATE TRIGGER "packages_delete_host_packages" AFTER DELETE ON "packages"
  REFERENCING OLD TABLE AS deleted_packages FOR EACH STATEMENT EXECUTE FUNCTION "host_packages_of_deleted_packages"();