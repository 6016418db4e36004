-- Reverses 0011_isolation_billing (the billing run then bills restored customers' months in full again).
ALTER TABLE "customers" DROP CONSTRAINT "customers_isolation_order_check";--> statement-breakpoint
ALTER TABLE "customers" DROP COLUMN "isolation_ended_at";--> statement-breakpoint
ALTER TABLE "customers" DROP COLUMN "isolated_at";
