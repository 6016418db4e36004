-- Undoes 0001_security exactly, in reverse order. The group roles rtrw_app / rtrw_system are
-- cluster-wide (other databases may use them) and are deliberately left in place; only what 0001
-- granted in this database is revoked.
DROP TRIGGER audit_logs_no_truncate ON audit_logs;
--> statement-breakpoint
DROP TRIGGER audit_logs_immutable ON audit_logs;
--> statement-breakpoint
DROP FUNCTION audit_logs_immutable();
--> statement-breakpoint
DROP POLICY system_access ON users;
--> statement-breakpoint
DROP POLICY tenant_isolation ON users;
--> statement-breakpoint
ALTER TABLE users NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE users DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON tickets;
--> statement-breakpoint
DROP POLICY tenant_isolation ON tickets;
--> statement-breakpoint
ALTER TABLE tickets NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tickets DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON ticket_counters;
--> statement-breakpoint
DROP POLICY tenant_isolation ON ticket_counters;
--> statement-breakpoint
ALTER TABLE ticket_counters NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ticket_counters DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON ticket_comments;
--> statement-breakpoint
DROP POLICY tenant_isolation ON ticket_comments;
--> statement-breakpoint
ALTER TABLE ticket_comments NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE ticket_comments DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON tenant_smtp_settings;
--> statement-breakpoint
DROP POLICY tenant_isolation ON tenant_smtp_settings;
--> statement-breakpoint
ALTER TABLE tenant_smtp_settings NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tenant_smtp_settings DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON speed_boosts;
--> statement-breakpoint
DROP POLICY tenant_isolation ON speed_boosts;
--> statement-breakpoint
ALTER TABLE speed_boosts NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE speed_boosts DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON service_plans;
--> statement-breakpoint
DROP POLICY tenant_isolation ON service_plans;
--> statement-breakpoint
ALTER TABLE service_plans NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE service_plans DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON service_plan_advanced_settings;
--> statement-breakpoint
DROP POLICY tenant_isolation ON service_plan_advanced_settings;
--> statement-breakpoint
ALTER TABLE service_plan_advanced_settings NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE service_plan_advanced_settings DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON refresh_tokens;
--> statement-breakpoint
DROP POLICY tenant_isolation ON refresh_tokens;
--> statement-breakpoint
ALTER TABLE refresh_tokens NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE refresh_tokens DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON payments;
--> statement-breakpoint
DROP POLICY tenant_isolation ON payments;
--> statement-breakpoint
ALTER TABLE payments NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE payments DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON notifications;
--> statement-breakpoint
DROP POLICY tenant_isolation ON notifications;
--> statement-breakpoint
ALTER TABLE notifications NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notifications DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON monitoring_samples;
--> statement-breakpoint
DROP POLICY tenant_isolation ON monitoring_samples;
--> statement-breakpoint
ALTER TABLE monitoring_samples NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE monitoring_samples DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON monitoring_rollups;
--> statement-breakpoint
DROP POLICY tenant_isolation ON monitoring_rollups;
--> statement-breakpoint
ALTER TABLE monitoring_rollups NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE monitoring_rollups DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON mikrotik_routers;
--> statement-breakpoint
DROP POLICY tenant_isolation ON mikrotik_routers;
--> statement-breakpoint
ALTER TABLE mikrotik_routers NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE mikrotik_routers DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON jobs;
--> statement-breakpoint
DROP POLICY tenant_isolation ON jobs;
--> statement-breakpoint
ALTER TABLE jobs NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE jobs DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON infrastructure_items;
--> statement-breakpoint
DROP POLICY tenant_isolation ON infrastructure_items;
--> statement-breakpoint
ALTER TABLE infrastructure_items NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE infrastructure_items DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON failed_jobs;
--> statement-breakpoint
DROP POLICY tenant_isolation ON failed_jobs;
--> statement-breakpoint
ALTER TABLE failed_jobs NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE failed_jobs DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON domain_events;
--> statement-breakpoint
DROP POLICY tenant_isolation ON domain_events;
--> statement-breakpoint
ALTER TABLE domain_events NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE domain_events DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON devices;
--> statement-breakpoint
DROP POLICY tenant_isolation ON devices;
--> statement-breakpoint
ALTER TABLE devices NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE devices DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON customers;
--> statement-breakpoint
DROP POLICY tenant_isolation ON customers;
--> statement-breakpoint
ALTER TABLE customers NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE customers DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON customer_code_counters;
--> statement-breakpoint
DROP POLICY tenant_isolation ON customer_code_counters;
--> statement-breakpoint
ALTER TABLE customer_code_counters NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE customer_code_counters DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON connectors;
--> statement-breakpoint
DROP POLICY tenant_isolation ON connectors;
--> statement-breakpoint
ALTER TABLE connectors NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE connectors DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON backups;
--> statement-breakpoint
DROP POLICY tenant_isolation ON backups;
--> statement-breakpoint
ALTER TABLE backups NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE backups DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON audit_logs;
--> statement-breakpoint
DROP POLICY tenant_isolation ON audit_logs;
--> statement-breakpoint
ALTER TABLE audit_logs NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_logs DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
DROP POLICY system_access ON alerts;
--> statement-breakpoint
DROP POLICY tenant_isolation ON alerts;
--> statement-breakpoint
ALTER TABLE alerts NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alerts DISABLE ROW LEVEL SECURITY;
--> statement-breakpoint
REVOKE ALL ON SEQUENCE
  domain_events_id_seq,
  monitoring_samples_id_seq
FROM rtrw_app, rtrw_system;
--> statement-breakpoint
REVOKE ALL ON TABLE
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
FROM rtrw_app, rtrw_system;
--> statement-breakpoint
REVOKE USAGE ON SCHEMA public FROM rtrw_app, rtrw_system;
