CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"type" text NOT NULL,
	"severity" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"message" text NOT NULL,
	"data" jsonb,
	"status" text DEFAULT 'open' NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alerts_type_check" CHECK ("alerts"."type" in ('low_stock', 'bandwidth_threshold', 'device_offline', 'router_offline', 'connector_offline', 'reconcile_drift', 'backup_failed')),
	CONSTRAINT "alerts_severity_check" CHECK ("alerts"."severity" in ('info', 'warning', 'critical')),
	CONSTRAINT "alerts_status_check" CHECK ("alerts"."status" in ('open', 'acknowledged', 'resolved'))
);
--> statement-breakpoint
CREATE TABLE "audit_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid,
	"actor_type" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"changes" jsonb,
	"ip_address" text,
	"user_agent" text,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_logs_actor_type_check" CHECK ("audit_logs"."actor_type" in ('user', 'api_key', 'connector', 'system', 'platform'))
);
--> statement-breakpoint
CREATE TABLE "backups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"object_key" text,
	"manifest" jsonb,
	"size_bytes" bigint,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	CONSTRAINT "backups_status_check" CHECK ("backups"."status" in ('running', 'succeeded', 'failed')),
	CONSTRAINT "backups_size_bytes_non_negative" CHECK ("backups"."size_bytes" is null or "backups"."size_bytes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "connectors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"secret_hash" text,
	"enrollment_token_hash" text,
	"enrollment_expires_at" timestamp with time zone,
	"version" text,
	"last_seen" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connectors_status_check" CHECK ("connectors"."status" in ('pending', 'online', 'offline'))
);
--> statement-breakpoint
CREATE TABLE "customer_code_counters" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"next_value" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "customer_code_counters_next_value_positive" CHECK ("customer_code_counters"."next_value" > 0)
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_code" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text NOT NULL,
	"address" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"service_plan_id" uuid NOT NULL,
	"effective_plan_id" uuid,
	"router_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"installation_date" date,
	"billing_day" smallint DEFAULT 15 NOT NULL,
	"monthly_fee" bigint NOT NULL,
	"notes" text,
	"pppoe_username" text,
	"pppoe_password_enc" text,
	"provisioning_state" text DEFAULT 'pending' NOT NULL,
	"provisioning_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "customers_status_check" CHECK ("customers"."status" in ('active', 'suspended', 'terminated')),
	CONSTRAINT "customers_provisioning_state_check" CHECK ("customers"."provisioning_state" in ('pending', 'applied', 'failed')),
	CONSTRAINT "customers_billing_day_range" CHECK ("customers"."billing_day" between 1 and 28),
	CONSTRAINT "customers_monthly_fee_non_negative" CHECK ("customers"."monthly_fee" >= 0),
	CONSTRAINT "customers_latitude_range" CHECK ("customers"."latitude" is null or "customers"."latitude" between -90 and 90),
	CONSTRAINT "customers_longitude_range" CHECK ("customers"."longitude" is null or "customers"."longitude" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"ip_address" text NOT NULL,
	"port" integer DEFAULT 8728 NOT NULL,
	"username" text,
	"password_enc" text,
	"location" text,
	"status" text DEFAULT 'unknown' NOT NULL,
	"last_seen" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "devices_type_check" CHECK ("devices"."type" in ('olt', 'router', 'switch', 'ap')),
	CONSTRAINT "devices_status_check" CHECK ("devices"."status" in ('online', 'offline', 'unknown')),
	CONSTRAINT "devices_port_range" CHECK ("devices"."port" between 1 and 65535)
);
--> statement-breakpoint
CREATE TABLE "domain_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "domain_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "infrastructure_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit" text NOT NULL,
	"minimum_quantity" integer DEFAULT 0 NOT NULL,
	"location" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "infrastructure_items_type_check" CHECK ("infrastructure_items"."type" in ('cable', 'router', 'switch', 'antenna', 'connector', 'tools')),
	CONSTRAINT "infrastructure_items_unit_check" CHECK ("infrastructure_items"."unit" in ('meter', 'piece', 'set')),
	CONSTRAINT "infrastructure_items_quantity_non_negative" CHECK ("infrastructure_items"."quantity" >= 0),
	CONSTRAINT "infrastructure_items_minimum_quantity_non_negative" CHECK ("infrastructure_items"."minimum_quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "failed_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid,
	"queue" text NOT NULL,
	"job_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"error" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"first_failed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_failed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retried_at" timestamp with time zone,
	"status" text DEFAULT 'failed' NOT NULL,
	CONSTRAINT "failed_jobs_status_check" CHECK ("failed_jobs"."status" in ('failed', 'retried', 'discarded')),
	CONSTRAINT "failed_jobs_attempts_non_negative" CHECK ("failed_jobs"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid,
	"type" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"result" jsonb,
	"error" text,
	"idempotency_key" text DEFAULT gen_random_uuid()::text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_tenant_idempotency_key" UNIQUE NULLS NOT DISTINCT("tenant_id","idempotency_key"),
	CONSTRAINT "jobs_status_check" CHECK ("jobs"."status" in ('queued', 'running', 'succeeded', 'failed')),
	CONSTRAINT "jobs_progress_range" CHECK ("jobs"."progress" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "mikrotik_routers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"host" text NOT NULL,
	"api_port" integer DEFAULT 8728 NOT NULL,
	"username" text NOT NULL,
	"password_enc" text NOT NULL,
	"location" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"connector_id" uuid,
	"status" text DEFAULT 'unknown' NOT NULL,
	"last_seen" timestamp with time zone,
	"routeros_version" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mikrotik_routers_status_check" CHECK ("mikrotik_routers"."status" in ('online', 'offline', 'unknown')),
	CONSTRAINT "mikrotik_routers_api_port_range" CHECK ("mikrotik_routers"."api_port" between 1 and 65535)
);
--> statement-breakpoint
CREATE TABLE "monitoring_rollups" (
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"bucket" text NOT NULL,
	"bucket_start" timestamp with time zone NOT NULL,
	"rx_bytes" bigint DEFAULT 0 NOT NULL,
	"tx_bytes" bigint DEFAULT 0 NOT NULL,
	"max_rx_rate_bps" bigint DEFAULT 0 NOT NULL,
	"max_tx_rate_bps" bigint DEFAULT 0 NOT NULL,
	"samples" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "monitoring_rollups_pkey" PRIMARY KEY("tenant_id","customer_id","bucket","bucket_start"),
	CONSTRAINT "monitoring_rollups_bucket_check" CHECK ("monitoring_rollups"."bucket" in ('1h', '1d')),
	CONSTRAINT "monitoring_rollups_non_negative" CHECK ("monitoring_rollups"."rx_bytes" >= 0 and "monitoring_rollups"."tx_bytes" >= 0 and "monitoring_rollups"."max_rx_rate_bps" >= 0 and "monitoring_rollups"."max_tx_rate_bps" >= 0 and "monitoring_rollups"."samples" >= 0)
);
--> statement-breakpoint
CREATE TABLE "monitoring_samples" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "monitoring_samples_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid,
	"router_id" uuid,
	"connector_id" uuid,
	"sample_seq" bigint NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"rx_bytes" bigint NOT NULL,
	"tx_bytes" bigint NOT NULL,
	"rx_rate_bps" bigint NOT NULL,
	"tx_rate_bps" bigint NOT NULL,
	"latency_ms" integer,
	"packet_loss_pct" numeric(5, 2),
	CONSTRAINT "monitoring_samples_dedupe_key" UNIQUE NULLS NOT DISTINCT("connector_id","router_id","sample_seq"),
	CONSTRAINT "monitoring_samples_counters_non_negative" CHECK ("monitoring_samples"."rx_bytes" >= 0 and "monitoring_samples"."tx_bytes" >= 0 and "monitoring_samples"."rx_rate_bps" >= 0 and "monitoring_samples"."tx_rate_bps" >= 0),
	CONSTRAINT "monitoring_samples_latency_non_negative" CHECK ("monitoring_samples"."latency_ms" is null or "monitoring_samples"."latency_ms" >= 0),
	CONSTRAINT "monitoring_samples_packet_loss_range" CHECK ("monitoring_samples"."packet_loss_pct" is null or "monitoring_samples"."packet_loss_pct" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"channel" text DEFAULT 'email' NOT NULL,
	"template" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_channel_check" CHECK ("notifications"."channel" in ('email')),
	CONSTRAINT "notifications_status_check" CHECK ("notifications"."status" in ('queued', 'sent', 'failed')),
	CONSTRAINT "notifications_attempts_non_negative" CHECK ("notifications"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tenant_smtp_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"port" integer DEFAULT 587 NOT NULL,
	"secure_mode" text DEFAULT 'starttls' NOT NULL,
	"username" text,
	"password_enc" text,
	"from_address" text NOT NULL,
	"delivery" text DEFAULT 'direct' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_smtp_settings_port_range" CHECK ("tenant_smtp_settings"."port" between 1 and 65535),
	CONSTRAINT "tenant_smtp_settings_secure_mode_check" CHECK ("tenant_smtp_settings"."secure_mode" in ('none', 'starttls', 'tls')),
	CONSTRAINT "tenant_smtp_settings_delivery_check" CHECK ("tenant_smtp_settings"."delivery" in ('direct', 'connector'))
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"invoice_number" text NOT NULL,
	"period" text,
	"amount" bigint NOT NULL,
	"payment_date" timestamp with time zone,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"payment_method" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_amount_positive" CHECK ("payments"."amount" > 0),
	CONSTRAINT "payments_status_check" CHECK ("payments"."status" in ('pending', 'paid', 'overdue', 'cancelled')),
	CONSTRAINT "payments_payment_method_check" CHECK ("payments"."payment_method" is null or "payments"."payment_method" in ('transfer', 'cash', 'e-wallet', 'other')),
	CONSTRAINT "payments_period_format" CHECK ("payments"."period" is null or "payments"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "payments_paid_has_payment_date" CHECK ("payments"."status" <> 'paid' or "payments"."payment_date" is not null)
);
--> statement-breakpoint
CREATE TABLE "service_plan_advanced_settings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"service_plan_id" uuid NOT NULL,
	"burst_enabled" boolean DEFAULT false NOT NULL,
	"burst_limit_mbps" integer,
	"burst_threshold_mbps" integer,
	"burst_time_seconds" integer,
	"priority" integer DEFAULT 8 NOT NULL,
	"max_connections" integer,
	"address_pool" text,
	"dns_servers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"transparent_proxy" boolean DEFAULT false NOT NULL,
	"queue_type" text DEFAULT 'pcq' NOT NULL,
	"parent_queue" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_plan_advanced_settings_priority_range" CHECK ("service_plan_advanced_settings"."priority" between 1 and 8),
	CONSTRAINT "service_plan_advanced_settings_burst_positive" CHECK (("service_plan_advanced_settings"."burst_limit_mbps" is null or "service_plan_advanced_settings"."burst_limit_mbps" > 0) and ("service_plan_advanced_settings"."burst_threshold_mbps" is null or "service_plan_advanced_settings"."burst_threshold_mbps" > 0) and ("service_plan_advanced_settings"."burst_time_seconds" is null or "service_plan_advanced_settings"."burst_time_seconds" > 0)),
	CONSTRAINT "service_plan_advanced_settings_max_connections_positive" CHECK ("service_plan_advanced_settings"."max_connections" is null or "service_plan_advanced_settings"."max_connections" > 0)
);
--> statement-breakpoint
CREATE TABLE "service_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"speed_download_mbps" integer NOT NULL,
	"speed_upload_mbps" integer NOT NULL,
	"price" bigint NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"features" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_plans_speed_download_positive" CHECK ("service_plans"."speed_download_mbps" > 0),
	CONSTRAINT "service_plans_speed_upload_positive" CHECK ("service_plans"."speed_upload_mbps" > 0),
	CONSTRAINT "service_plans_price_positive" CHECK ("service_plans"."price" > 0)
);
--> statement-breakpoint
CREATE TABLE "speed_boosts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"current_plan_id" uuid NOT NULL,
	"boost_plan_id" uuid NOT NULL,
	"duration_days" integer NOT NULL,
	"price" bigint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"request_date" timestamp with time zone DEFAULT now() NOT NULL,
	"start_date" timestamp with time zone,
	"end_date" timestamp with time zone,
	"notes" text,
	"rejection_reason" text,
	"approved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "speed_boosts_status_check" CHECK ("speed_boosts"."status" in ('pending', 'approved', 'rejected', 'active', 'expired', 'cancelled')),
	CONSTRAINT "speed_boosts_duration_days_positive" CHECK ("speed_boosts"."duration_days" > 0),
	CONSTRAINT "speed_boosts_price_non_negative" CHECK ("speed_boosts"."price" >= 0),
	CONSTRAINT "speed_boosts_distinct_plans" CHECK ("speed_boosts"."boost_plan_id" <> "speed_boosts"."current_plan_id"),
	CONSTRAINT "speed_boosts_end_after_start" CHECK ("speed_boosts"."start_date" is null or "speed_boosts"."end_date" is null or "speed_boosts"."end_date" > "speed_boosts"."start_date")
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"timezone" text DEFAULT 'Asia/Jakarta' NOT NULL,
	"locale" text DEFAULT 'id' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenants_slug_dns_label" CHECK ("tenants"."slug" ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
	CONSTRAINT "tenants_locale_check" CHECK ("tenants"."locale" in ('id', 'en'))
);
--> statement-breakpoint
CREATE TABLE "ticket_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_counters" (
	"tenant_id" uuid NOT NULL,
	"period" text NOT NULL,
	"next_value" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "ticket_counters_pkey" PRIMARY KEY("tenant_id","period"),
	CONSTRAINT "ticket_counters_period_format" CHECK ("ticket_counters"."period" ~ '^[0-9]{4}(0[1-9]|1[0-2])$'),
	CONSTRAINT "ticket_counters_next_value_positive" CHECK ("ticket_counters"."next_value" > 0)
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"ticket_number" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"priority" text DEFAULT 'medium' NOT NULL,
	"assigned_to" uuid,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tickets_status_check" CHECK ("tickets"."status" in ('open', 'in_progress', 'resolved', 'closed')),
	CONSTRAINT "tickets_priority_check" CHECK ("tickets"."priority" in ('low', 'medium', 'high', 'urgent'))
);
--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"family_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"replaced_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"last_login_at" timestamp with time zone,
	"password_changed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('admin', 'operator', 'technician', 'viewer')),
	CONSTRAINT "users_email_lower_case" CHECK ("users"."email" = lower("users"."email"))
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backups" ADD CONSTRAINT "backups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_code_counters" ADD CONSTRAINT "customer_code_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_service_plan_id_service_plans_id_fk" FOREIGN KEY ("service_plan_id") REFERENCES "public"."service_plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_effective_plan_id_service_plans_id_fk" FOREIGN KEY ("effective_plan_id") REFERENCES "public"."service_plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_router_id_mikrotik_routers_id_fk" FOREIGN KEY ("router_id") REFERENCES "public"."mikrotik_routers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "domain_events" ADD CONSTRAINT "domain_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infrastructure_items" ADD CONSTRAINT "infrastructure_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "failed_jobs" ADD CONSTRAINT "failed_jobs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mikrotik_routers" ADD CONSTRAINT "mikrotik_routers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mikrotik_routers" ADD CONSTRAINT "mikrotik_routers_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_rollups" ADD CONSTRAINT "monitoring_rollups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_rollups" ADD CONSTRAINT "monitoring_rollups_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_samples" ADD CONSTRAINT "monitoring_samples_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_samples" ADD CONSTRAINT "monitoring_samples_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_smtp_settings" ADD CONSTRAINT "tenant_smtp_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_plan_advanced_settings" ADD CONSTRAINT "service_plan_advanced_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_plan_advanced_settings" ADD CONSTRAINT "service_plan_advanced_settings_service_plan_id_service_plans_id_fk" FOREIGN KEY ("service_plan_id") REFERENCES "public"."service_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_plans" ADD CONSTRAINT "service_plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "speed_boosts" ADD CONSTRAINT "speed_boosts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "speed_boosts" ADD CONSTRAINT "speed_boosts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "speed_boosts" ADD CONSTRAINT "speed_boosts_current_plan_id_service_plans_id_fk" FOREIGN KEY ("current_plan_id") REFERENCES "public"."service_plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "speed_boosts" ADD CONSTRAINT "speed_boosts_boost_plan_id_service_plans_id_fk" FOREIGN KEY ("boost_plan_id") REFERENCES "public"."service_plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "speed_boosts" ADD CONSTRAINT "speed_boosts_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_comments" ADD CONSTRAINT "ticket_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_counters" ADD CONSTRAINT "ticket_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_assigned_to_users_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_one_unresolved_per_entity" ON "alerts" USING btree ("tenant_id","type","entity_id") WHERE "alerts"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "alerts_tenant_status_created_at_idx" ON "alerts" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "audit_logs_tenant_created_at_idx" ON "audit_logs" USING btree ("tenant_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_logs_tenant_entity_idx" ON "audit_logs" USING btree ("tenant_id","entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "audit_logs_tenant_user_idx" ON "audit_logs" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "backups_tenant_created_at_idx" ON "backups" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "connectors_tenant_status_idx" ON "connectors" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "connectors_enrollment_token_hash_key" ON "connectors" USING btree ("enrollment_token_hash") WHERE "connectors"."enrollment_token_hash" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "customers_tenant_code_key" ON "customers" USING btree ("tenant_id","customer_code");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_tenant_pppoe_username_key" ON "customers" USING btree ("tenant_id","pppoe_username") WHERE "customers"."pppoe_username" is not null and "customers"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "customers_tenant_status_idx" ON "customers" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "customers_tenant_service_plan_idx" ON "customers" USING btree ("tenant_id","service_plan_id");--> statement-breakpoint
CREATE INDEX "customers_tenant_created_at_idx" ON "customers" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "customers_router_idx" ON "customers" USING btree ("router_id");--> statement-breakpoint
CREATE INDEX "devices_tenant_status_idx" ON "devices" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "domain_events_tenant_id_idx" ON "domain_events" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "domain_events_unpublished_idx" ON "domain_events" USING btree ("id") WHERE "domain_events"."published_at" is null;--> statement-breakpoint
CREATE INDEX "infrastructure_items_tenant_type_idx" ON "infrastructure_items" USING btree ("tenant_id","type");--> statement-breakpoint
CREATE INDEX "failed_jobs_tenant_status_last_failed_at_idx" ON "failed_jobs" USING btree ("tenant_id","status","last_failed_at");--> statement-breakpoint
CREATE INDEX "jobs_tenant_created_at_idx" ON "jobs" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mikrotik_routers_tenant_name_key" ON "mikrotik_routers" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "monitoring_samples_tenant_customer_ts_idx" ON "monitoring_samples" USING btree ("tenant_id","customer_id","ts");--> statement-breakpoint
CREATE INDEX "notifications_tenant_status_created_at_idx" ON "notifications" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_tenant_customer_period_key" ON "payments" USING btree ("tenant_id","customer_id","period") WHERE "payments"."period" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_tenant_invoice_number_key" ON "payments" USING btree ("tenant_id","invoice_number");--> statement-breakpoint
CREATE INDEX "payments_tenant_status_due_date_idx" ON "payments" USING btree ("tenant_id","status","due_date");--> statement-breakpoint
CREATE INDEX "payments_tenant_customer_idx" ON "payments" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "payments_tenant_payment_date_idx" ON "payments" USING btree ("tenant_id","payment_date");--> statement-breakpoint
CREATE UNIQUE INDEX "service_plan_advanced_settings_service_plan_id_key" ON "service_plan_advanced_settings" USING btree ("service_plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_plans_tenant_name_key" ON "service_plans" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "speed_boosts_tenant_status_end_date_idx" ON "speed_boosts" USING btree ("tenant_id","status","end_date");--> statement-breakpoint
CREATE INDEX "speed_boosts_tenant_customer_idx" ON "speed_boosts" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "speed_boosts_one_active_per_customer" ON "speed_boosts" USING btree ("customer_id") WHERE "speed_boosts"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "ticket_comments_tenant_ticket_created_at_idx" ON "ticket_comments" USING btree ("tenant_id","ticket_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_tenant_ticket_number_key" ON "tickets" USING btree ("tenant_id","ticket_number");--> statement-breakpoint
CREATE INDEX "tickets_tenant_status_priority_idx" ON "tickets" USING btree ("tenant_id","status","priority");--> statement-breakpoint
CREATE INDEX "tickets_tenant_customer_idx" ON "tickets" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "refresh_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "refresh_tokens_family_id_idx" ON "refresh_tokens" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "refresh_tokens_tenant_user_idx" ON "refresh_tokens" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_tenant_email_key" ON "users" USING btree ("tenant_id","email");