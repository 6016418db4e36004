-- Reverses 0005_boost_billing.
DROP INDEX "speed_boosts_billed_payment_idx";--> statement-breakpoint
ALTER TABLE "speed_boosts" DROP CONSTRAINT "speed_boosts_billed_payment_id_payments_id_fk";--> statement-breakpoint
ALTER TABLE "speed_boosts" DROP COLUMN "billed_payment_id";
