-- When a customer's isolir (suspension for nonpayment) began and ended: the billing run does not bill (or bills
-- pro rata) a month whose due date fell inside it (services/billing/monthly-billing.ts).
ALTER TABLE "customers" ADD COLUMN "isolated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "isolation_ended_at" timestamp with time zone;--> statement-breakpoint
-- Customers isolated now: the last change of their row is the best record of when it began.
UPDATE "customers" SET "isolated_at" = "updated_at" WHERE "status" = 'suspended' AND "suspension_cause" = 'nonpayment';--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_isolation_order_check" CHECK ("customers"."isolation_ended_at" is null or ("customers"."isolated_at" is not null and "customers"."isolation_ended_at" >= "customers"."isolated_at"));
