-- Isolir: the overdue job suspends customers whose invoice is overdue past the tenant's grace days, and
-- settling the debt lifts it (services/billing/isolir.ts).
ALTER TABLE "customers" ADD COLUMN "suspension_cause" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "suspension_applied_at" timestamp with time zone;--> statement-breakpoint
-- Invoices already overdue before this migration never suspend anyone: an upgrade must not cut off
-- every customer with an old debt at the next hourly run.
UPDATE "payments" SET "suspension_applied_at" = now() WHERE "status" = 'overdue';--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_suspension_cause_check" CHECK ("customers"."suspension_cause" is null or ("customers"."status" = 'suspended' and "customers"."suspension_cause" in ('manual', 'nonpayment')));
