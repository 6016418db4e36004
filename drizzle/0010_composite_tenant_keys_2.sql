-- The remaining single-column foreign keys between tenant tables become (tenant_id, x) keys, as 0002
-- did for customers and tickets: a row can only reference a row of its own tenant, whatever the
-- service layer checks (test/db/tenant-foreign-keys.test.ts lists every such key from pg_constraint).
-- ON DELETE keeps its meaning: SET NULL names its column, so only x is nulled, never tenant_id
-- (Postgres 15+). jobs.tenant_id may be null (platform jobs): such a row's key is not checked (MATCH
-- SIMPLE), as it has no tenant to share.
-- The unique targets come first.
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_key" UNIQUE("tenant_id","id");
--> statement-breakpoint
ALTER TABLE "service_plans" ADD CONSTRAINT "service_plans_tenant_id_key" UNIQUE("tenant_id","id");
--> statement-breakpoint
ALTER TABLE "mikrotik_routers" ADD CONSTRAINT "mikrotik_routers_tenant_id_key" UNIQUE("tenant_id","id");
--> statement-breakpoint
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_tenant_id_key" UNIQUE("tenant_id","id");
--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_tenant_id_key" UNIQUE("tenant_id","id");
--> statement-breakpoint
ALTER TABLE "alerts" DROP CONSTRAINT "alerts_acknowledged_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "customers" DROP CONSTRAINT "customers_effective_plan_id_service_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "customers" DROP CONSTRAINT "customers_router_id_mikrotik_routers_id_fk";
--> statement-breakpoint
ALTER TABLE "customers" DROP CONSTRAINT "customers_service_plan_id_service_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "devices" DROP CONSTRAINT "devices_connector_id_connectors_id_fk";
--> statement-breakpoint
ALTER TABLE "jobs" DROP CONSTRAINT "jobs_created_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "mikrotik_routers" DROP CONSTRAINT "mikrotik_routers_connector_id_connectors_id_fk";
--> statement-breakpoint
ALTER TABLE "refresh_tokens" DROP CONSTRAINT "refresh_tokens_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "service_plan_advanced_settings" DROP CONSTRAINT "service_plan_advanced_settings_service_plan_id_service_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "speed_boosts" DROP CONSTRAINT "speed_boosts_approved_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "speed_boosts" DROP CONSTRAINT "speed_boosts_billed_payment_id_payments_id_fk";
--> statement-breakpoint
ALTER TABLE "speed_boosts" DROP CONSTRAINT "speed_boosts_boost_plan_id_service_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "speed_boosts" DROP CONSTRAINT "speed_boosts_current_plan_id_service_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "ticket_comments" DROP CONSTRAINT "ticket_comments_author_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_assigned_to_users_id_fk";
--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_tenant_acknowledged_by_fk" FOREIGN KEY ("tenant_id","acknowledged_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE SET NULL ("acknowledged_by") ON UPDATE NO ACTION;
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_tenant_effective_plan_fk" FOREIGN KEY ("tenant_id","effective_plan_id") REFERENCES "public"."service_plans"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION;
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_tenant_router_fk" FOREIGN KEY ("tenant_id","router_id") REFERENCES "public"."mikrotik_routers"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION;
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_tenant_service_plan_fk" FOREIGN KEY ("tenant_id","service_plan_id") REFERENCES "public"."service_plans"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION;
--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_tenant_connector_fk" FOREIGN KEY ("tenant_id","connector_id") REFERENCES "public"."connectors"("tenant_id","id") ON DELETE SET NULL ("connector_id") ON UPDATE NO ACTION;
--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_tenant_created_by_fk" FOREIGN KEY ("tenant_id","created_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE SET NULL ("created_by") ON UPDATE NO ACTION;
--> statement-breakpoint
ALTER TABLE "mikrotik_routers" ADD CONSTRAINT "mikrotik_routers_tenant_connector_fk" FOREIGN KEY ("tenant_id","connector_id") REFERENCES "public"."connectors"("tenant_id","id") ON DELETE SET NULL ("connector_id") ON UPDATE NO ACTION;
--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_tenant_user_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION;
--> statement-breakpoint
ALTER TABLE "service_plan_advanced_settings" ADD CONSTRAINT "service_plan_advanced_settings_tenant_service_plan_fk" FOREIGN KEY ("tenant_id","service_plan_id") REFERENCES "public"."service_plans"("tenant_id","id") ON DELETE CASCADE ON UPDATE NO ACTION;
--> statement-breakpoint
ALTER TABLE "speed_boosts" ADD CONSTRAINT "speed_boosts_tenant_approved_by_fk" FOREIGN KEY ("tenant_id","approved_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE SET NULL ("approved_by") ON UPDATE NO ACTION;
--> statement-breakpoint
ALTER TABLE "speed_boosts" ADD CONSTRAINT "speed_boosts_tenant_billed_payment_fk" FOREIGN KEY ("tenant_id","billed_payment_id") REFERENCES "public"."payments"("tenant_id","id") ON DELETE SET NULL ("billed_payment_id") ON UPDATE NO ACTION;
--> statement-breakpoint
ALTER TABLE "speed_boosts" ADD CONSTRAINT "speed_boosts_tenant_boost_plan_fk" FOREIGN KEY ("tenant_id","boost_plan_id") REFERENCES "public"."service_plans"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION;
--> statement-breakpoint
ALTER TABLE "speed_boosts" ADD CONSTRAINT "speed_boosts_tenant_current_plan_fk" FOREIGN KEY ("tenant_id","current_plan_id") REFERENCES "public"."service_plans"("tenant_id","id") ON DELETE RESTRICT ON UPDATE NO ACTION;
--> statement-breakpoint
ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_tenant_author_fk" FOREIGN KEY ("tenant_id","author_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE SET NULL ("author_id") ON UPDATE NO ACTION;
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_tenant_assigned_to_fk" FOREIGN KEY ("tenant_id","assigned_to") REFERENCES "public"."users"("tenant_id","id") ON DELETE SET NULL ("assigned_to") ON UPDATE NO ACTION;
