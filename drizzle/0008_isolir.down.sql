-- Reverses 0008_isolir (suspended customers stay suspended; who suspended them is forgotten).
ALTER TABLE "customers" DROP CONSTRAINT "customers_suspension_cause_check";--> statement-breakpoint
ALTER TABLE "payments" DROP COLUMN "suspension_applied_at";--> statement-breakpoint
ALTER TABLE "customers" DROP COLUMN "suspension_cause";
