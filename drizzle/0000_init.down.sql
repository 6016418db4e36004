-- Undoes 0000_init: drops every table it created, children before parents. CASCADE only drops the
-- foreign keys between these tables (and, if 0001 was not rolled back first, its policies/triggers).
DROP TABLE "audit_logs" CASCADE;
--> statement-breakpoint
DROP TABLE "domain_events" CASCADE;
--> statement-breakpoint
DROP TABLE "backups" CASCADE;
--> statement-breakpoint
DROP TABLE "notifications" CASCADE;
--> statement-breakpoint
DROP TABLE "tenant_smtp_settings" CASCADE;
--> statement-breakpoint
DROP TABLE "alerts" CASCADE;
--> statement-breakpoint
DROP TABLE "failed_jobs" CASCADE;
--> statement-breakpoint
DROP TABLE "jobs" CASCADE;
--> statement-breakpoint
DROP TABLE "monitoring_rollups" CASCADE;
--> statement-breakpoint
DROP TABLE "monitoring_samples" CASCADE;
--> statement-breakpoint
DROP TABLE "infrastructure_items" CASCADE;
--> statement-breakpoint
DROP TABLE "ticket_comments" CASCADE;
--> statement-breakpoint
DROP TABLE "ticket_counters" CASCADE;
--> statement-breakpoint
DROP TABLE "tickets" CASCADE;
--> statement-breakpoint
DROP TABLE "speed_boosts" CASCADE;
--> statement-breakpoint
DROP TABLE "payments" CASCADE;
--> statement-breakpoint
DROP TABLE "customer_code_counters" CASCADE;
--> statement-breakpoint
DROP TABLE "customers" CASCADE;
--> statement-breakpoint
DROP TABLE "devices" CASCADE;
--> statement-breakpoint
DROP TABLE "mikrotik_routers" CASCADE;
--> statement-breakpoint
DROP TABLE "connectors" CASCADE;
--> statement-breakpoint
DROP TABLE "service_plan_advanced_settings" CASCADE;
--> statement-breakpoint
DROP TABLE "service_plans" CASCADE;
--> statement-breakpoint
DROP TABLE "refresh_tokens" CASCADE;
--> statement-breakpoint
DROP TABLE "users" CASCADE;
--> statement-breakpoint
DROP TABLE "tenants" CASCADE;
