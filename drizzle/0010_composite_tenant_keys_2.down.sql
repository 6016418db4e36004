-- Reverses 0010_composite_tenant_keys_2: the single-column keys of 0000 come back.
ALTER TABLE "alerts" DROP CONSTRAINT "alerts_tenant_acknowledged_by_fk";
--> statement-breakpoint
ALTER TABLE "customers" DROP CONSTRAINT "customers_tenant_effective_plan_fk";
--> statement-breakpoint
ALTER TABLE "customers" DROP CONSTRAINT "customers_tenant_router_fk";
--> statement-breakpoint
ALTER TABLE "customers" DROP CONSTRAINT "customers_tenant_service_plan_fk";
--> statement-breakpoint
ALTER TABLE "devices" DROP CONSTRAINT "devices_tenant_connector_fk";
--> statement-breakpoint
ALTER TABLE "jobs" DROP CONSTRAINT "jobs_tenant_created_by_fk";
--> statement-breakpoint
ALTER TABLE "mikrotik_routers" DROP CONSTRAINT "mikrotik_routers_tenant_connector_fk";
--> statement-breakpoint
ALTER TABLE "refresh_tokens" DROP CONSTRAINT "refresh_tokens_tenant_user_fk";
--> statement-breakpoint
ALTER TABLE "service_plan_advanced_settings" DROP CONSTRAINT "service_plan_advanced_settings_tenant_service_plan_fk";
--> statement-breakpoint
ALTER TABLE "speed_boosts" DROP CONSTRAINT "speed_boosts_tenant_approved_by_fk";
--> statement-breakpoint
ALTER TABLE "speed_boosts" DROP CONSTRAINT "speed_boosts_tenant_billed_payment_fk";
--> statement-breakpoint
ALTER TABLE "speed_boosts" DROP CONSTRAINT "speed_boosts_tenant_boost_plan_fk";
--> statement-breakpoint
ALTER TABLE "speed_boosts" DROP CONSTRAINT "speed_boosts_tenant_current_plan_fk";
--> statement-breakpoint
ALTER TABLE "ticket_comments" DROP CONSTRAINT "ticket_comments_tenant_author_fk";
--> statement-breakpoint
ALTER TABLE "tickets" DROP CONSTRAINT "tickets_tenant_assigned_to_fk";
--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_effective_plan_id_service_plans_id_fk" FOREIGN KEY ("effective_plan_id") REFERENCES "public"."service_plans"("id") ON DELETE restrict ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_router_id_mikrotik_routers_id_fk" FOREIGN KEY ("router_id") REFERENCES "public"."mikrotik_routers"("id") ON DELETE restrict ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_service_plan_id_service_plans_id_fk" FOREIGN KEY ("service_plan_id") REFERENCES "public"."service_plans"("id") ON DELETE restrict ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "mikrotik_routers" ADD CONSTRAINT "mikrotik_routers_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "service_plan_advanced_settings" ADD CONSTRAINT "service_plan_advanced_settings_service_plan_id_service_plans_id_fk" FOREIGN KEY ("service_plan_id") REFERENCES "public"."service_plans"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "speed_boosts" ADD CONSTRAINT "speed_boosts_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "speed_boosts" ADD CONSTRAINT "speed_boosts_billed_payment_id_payments_id_fk" FOREIGN KEY ("billed_payment_id") REFERENCES "public"."payments"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "speed_boosts" ADD CONSTRAINT "speed_boosts_boost_plan_id_service_plans_id_fk" FOREIGN KEY ("boost_plan_id") REFERENCES "public"."service_plans"("id") ON DELETE restrict ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "speed_boosts" ADD CONSTRAINT "speed_boosts_current_plan_id_service_plans_id_fk" FOREIGN KEY ("current_plan_id") REFERENCES "public"."service_plans"("id") ON DELETE restrict ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_assigned_to_users_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_tenant_id_key";
--> statement-breakpoint
ALTER TABLE "service_plans" DROP CONSTRAINT "service_plans_tenant_id_key";
--> statement-breakpoint
ALTER TABLE "mikrotik_routers" DROP CONSTRAINT "mikrotik_routers_tenant_id_key";
--> statement-breakpoint
ALTER TABLE "connectors" DROP CONSTRAINT "connectors_tenant_id_key";
--> statement-breakpoint
ALTER TABLE "payments" DROP CONSTRAINT "payments_tenant_id_key";
