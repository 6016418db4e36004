-- Reverses 0012_monitoring_sample_counts: the per-tenant sample counts and the triggers keeping them.
DROP TRIGGER monitoring_sample_counts_remove ON monitoring_samples;
--> statement-breakpoint
DROP TRIGGER monitoring_sample_counts_add ON monitoring_samples;
--> statement-breakpoint
DROP FUNCTION monitoring_sample_counts_remove();
--> statement-breakpoint
DROP FUNCTION monitoring_sample_counts_add();
--> statement-breakpoint
DROP TABLE monitoring_sample_counts;
