-- Reverses 0006_reissue_cancelled_invoices. Fails (a unique violation) while a period has a cancelled and a live
-- invoice: that state cannot be expressed by the old index.
DROP INDEX "payments_tenant_customer_period_key";--> statement-breakpoint
CREATE UNIQUE INDEX "payments_tenant_customer_period_key" ON "payments" USING btree ("tenant_id","customer_id","period") WHERE "payments"."period" is not null;
