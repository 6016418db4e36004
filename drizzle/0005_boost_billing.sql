-- Speed boosts are charged on the next period's invoice: the billing run links each granted boost to the
-- payment that charges it (null: not charged yet).
ALTER TABLE "speed_boosts" ADD COLUMN "billed_payment_id" uuid;--> statement-breakpoint
ALTER TABLE "speed_boosts" ADD CONSTRAINT "speed_boosts_billed_payment_id_payments_id_fk" FOREIGN KEY ("billed_payment_id") REFERENCES "public"."payments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "speed_boosts_billed_payment_idx" ON "speed_boosts" USING btree ("billed_payment_id") WHERE "speed_boosts"."billed_payment_id" is not null;