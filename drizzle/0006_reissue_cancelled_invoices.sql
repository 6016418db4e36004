-- A cancelled period invoice no longer holds its period: the period can be billed again by hand.
DROP INDEX "payments_tenant_customer_period_key";--> statement-breakpoint
CREATE UNIQUE INDEX "payments_tenant_customer_period_key" ON "payments" USING btree ("tenant_id","customer_id","period") WHERE "payments"."period" is not null and "payments"."status" <> 'cancelled';