-- Security layer on top of 0000_init: group roles, grants, row-level security, audit immutability.
-- Every table created by a later migration needs its own GRANT + RLS + policies there: nothing here
-- applies to future tables (no ALTER DEFAULT PRIVILEGES, on purpose: grants stay explicit and reviewable).
--
-- Two group roles (NOLOGIN); the real login roles are made members of exactly one of them:
--   rtrw_app    the request path. Subject to RLS: sees only rows of the tenant in app.tenant_id.
--   rtrw_system the privileged path (crons, platform admin, tenant purge). Sees every tenant.
-- Roles are cluster-wide and may already exist (another database, a previous run): created only if
-- missing, and never dropped by the down migration. duplicate_object covers a concurrent creator.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'rtrw_app') THEN
    BEGIN
      CREATE ROLE rtrw_app NOLOGIN;
    EXCEPTION WHEN duplicate_object THEN NULL;
    END;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'rtrw_system') THEN
    BEGIN
      CREATE ROLE rtrw_system NOLOGIN;
    EXCEPTION WHEN duplicate_object THEN NULL;
    END;
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO rtrw_app, rtrw_system;
--> statement-breakpoint
-- Tables are listed explicitly (not ON ALL TABLES) so the migration runner's bookkeeping table and
-- anything not created by these migrations stay out of the app's reach.
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE
  alerts,
  audit_logs,
  backups,
  connectors,
  customer_code_counters,
  customers,
  devices,
  domain_events,
  failed_jobs,
  infrastructure_items,
  jobs,
  mikrotik_routers,
  monitoring_rollups,
  monitoring_samples,
  notifications,
  payments,
  refresh_tokens,
  service_plan_advanced_settings,
  service_plans,
  speed_boosts,
  tenant_smtp_settings,
  ticket_comments,
  ticket_counters,
  tickets,
  users,
  tenants
TO rtrw_system;
--> statement-breakpoint
-- rtrw_app: full CRUD on tenant data, except audit_logs (append-only) and tenants (below).
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE
  alerts,
  backups,
  connectors,
  customer_code_counters,
  customers,
  devices,
  domain_events,
  failed_jobs,
  infrastructure_items,
  jobs,
  mikrotik_routers,
  monitoring_rollups,
  monitoring_samples,
  notifications,
  payments,
  refresh_tokens,
  service_plan_advanced_settings,
  service_plans,
  speed_boosts,
  tenant_smtp_settings,
  ticket_comments,
  ticket_counters,
  tickets,
  users
TO rtrw_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON TABLE audit_logs TO rtrw_app;
--> statement-breakpoint
-- The tenant directory is read on the request path (resolution by slug or id); writing it is the
-- platform's job, through rtrw_system.
GRANT SELECT ON TABLE tenants TO rtrw_app;
--> statement-breakpoint
-- The two identity sequences. Inserting through an identity column needs no sequence privilege;
-- these keep explicit nextval()/currval() (e.g. reserving a block of ids) working for both roles.
GRANT USAGE, SELECT ON SEQUENCE
  domain_events_id_seq,
  monitoring_samples_id_seq
TO rtrw_app, rtrw_system;
--> statement-breakpoint
-- Row-level security on every tenant table. FORCE so the table owner is subject to it as well
-- (superusers and BYPASSRLS roles still bypass). nullif(…, '') because a pooled connection reports ''
-- (not NULL) for app.tenant_id after a transaction that set it locally: no tenant set = no rows.
-- Rows whose tenant_id is NULL (platform-wide jobs / failed_jobs) never match, so the app cannot see them.
ALTER TABLE alerts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alerts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON alerts AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON alerts AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_logs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON audit_logs AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON audit_logs AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE backups ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE backups FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON backups AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON backups AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE connectors ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE connectors FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON connectors AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON connectors AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE customer_code_counters ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE customer_code_counters FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON customer_code_counters AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON customer_code_counters AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE customers FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON customers AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON customers AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE devices ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE devices FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON devices AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON devices AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE domain_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE domain_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON domain_events AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON domain_events AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE failed_jobs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE failed_jobs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON failed_jobs AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON failed_jobs AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE infrastructure_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE infrastructure_items FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON infrastructure_items AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON infrastructure_items AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE jobs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON jobs AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON jobs AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE mikrotik_routers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE mikrotik_routers FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON mikrotik_routers AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON mikrotik_routers AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE monitoring_rollups ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE monitoring_rollups FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON monitoring_rollups AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON monitoring_rollups AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE monitoring_samples ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE monitoring_samples FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON monitoring_samples AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON monitoring_samples AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON notifications AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON notifications AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE payments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON payments AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON payments AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE refresh_tokens FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON refresh_tokens AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON refresh_tokens AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE service_plan_advanced_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE service_plan_advanced_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON service_plan_advanced_settings AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON service_plan_advanced_settings AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE service_plans ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE service_plans FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON service_plans AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON service_plans AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE speed_boosts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE speed_boosts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON speed_boosts AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON speed_boosts AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE tenant_smtp_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tenant_smtp_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON tenant_smtp_settings AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON tenant_smtp_settings AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE ticket_comments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ticket_comments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON ticket_comments AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON ticket_comments AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE ticket_counters ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ticket_counters FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON ticket_counters AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON ticket_counters AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tickets FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON tickets AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON tickets AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE users FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON users AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON users AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
--> statement-breakpoint
-- Audit immutability (spec Property 47). Privileges already stop rtrw_app; this trigger also stops
-- rtrw_system and the owner. The one exception is purging a whole tenant (Property 2): the deletes
-- cascading from `DELETE FROM tenants` into audit_logs pass when the transaction declared
-- set_config('app.purge_tenant', <tenant id>, true) and the session's login role acts with
-- rtrw_system's privileges.
--   session_user, not current_user: a cascaded delete runs as the owner of audit_logs, so
--   current_user inside this trigger is the table owner, not the caller.
--   'USAGE', not 'MEMBER': since PG 16 a CREATEROLE role that creates a role (the migration owner,
--   e.g. Neon's <db>_owner, running this file) is granted it WITH ADMIN OPTION but INHERIT FALSE /
--   SET FALSE. That counts as MEMBER, which would let the owner purge audit rows; USAGE is true
--   only for logins that inherit rtrw_system (CREATE ROLE … IN ROLE rtrw_system).
CREATE FUNCTION audit_logs_immutable() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_setting('app.purge_tenant', true) = OLD.tenant_id::text
       AND pg_catalog.pg_has_role(session_user, 'rtrw_system', 'USAGE') THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_logs is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Audit rows are only removed by purging their tenant through the system role.';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_logs_immutable
  BEFORE UPDATE OR DELETE ON audit_logs
  FOR EACH ROW EXECUTE FUNCTION audit_logs_immutable();
--> statement-breakpoint
CREATE TRIGGER audit_logs_no_truncate
  BEFORE TRUNCATE ON audit_logs
  FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_immutable();
