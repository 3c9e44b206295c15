-- package_stats rows are rewritten by every fold of package_stat_deltas (once a minute, and in many
-- batches after a mass enrolment). With full pages no update could stay on its page: each one left a
-- dead row version and a new index entry behind, and 10,856 rows grew to 18 MB after the first reports
-- of 1,000 hosts (150 MB at 10,000), which the dashboard and Packages pages then scan. Half-empty
-- pages let an update be a HOT update (only the key is indexed), which page pruning reclaims
-- without a vacuum. The setting applies to pages written from now on; the rewrite below compacts
-- what is there (a few MB at most on a healthy table; it locks package_stats for that long).
ALTER TABLE "package_stats" SET (fillfactor = 50);--> statement-breakpoint
CLUSTER "package_stats" USING "package_stats_pkey";
