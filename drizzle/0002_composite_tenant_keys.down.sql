-- Reverses 0002_composite_tenant_keys.
ALTER TABLE "monitoring_rollups" DROP CONSTRAINT "monitoring_rollups_tenant_customer_fk";
--> statement-breakpoint
ALTER TABLE "monitoring_samples" DROP CONSTRAINT "monitoring_samples_tenant_customer_fk";
--> statement-breakpoint
ALTER TABLE "payments" DROP CONSTRAINT "payments_tenant_customer_fk";
--> statement-breakpoint
ALTER TABLE "speed_boosts" DROP CONSTRAINT "speed_boosts_tenant_customer_fk";
--> statement-breakpoint
ALTER TABLE "ticket_comments" DROP CONSTRAINT "ticket_comments_tenant_ticket_fk";
--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_tenant_customer_fk";
--> statement-breakpoint
ALTER TABLE "monitoring_rollups" ADD CONSTRAINT "monitoring_rollups_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "monitoring_samples" ADD CONSTRAINT "monitoring_samples_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "speed_boosts" ADD CONSTRAINT "speed_boosts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "customers" DROP CONSTRAINT "customers_tenant_id_key";
--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_tenant_id_key";
