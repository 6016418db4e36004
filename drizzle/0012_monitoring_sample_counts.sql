-- Raw bandwidth samples per tenant, kept by triggers, so the ingest's cap check is one primary-key read.
CREATE TABLE "monitoring_sample_counts" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"rows" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "monitoring_sample_counts_rows_non_negative" CHECK ("monitoring_sample_counts"."rows" >= 0)
);
--> statement-breakpoint
ALTER TABLE "monitoring_sample_counts" ADD CONSTRAINT "monitoring_sample_counts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
INSERT INTO monitoring_sample_counts (tenant_id, rows)
  SELECT tenant_id, count(*) FROM monitoring_samples GROUP BY tenant_id;
--> statement-breakpoint
-- SECURITY DEFINER: the counts are written as this migration's owner whoever changes the samples
-- (the app role, the system role, or the table owner running a cascaded delete of a customer or a
-- tenant), so the app role never writes them. RLS is enabled but not forced: the owner (these
-- functions) writes any tenant's row; the app role reads its own tenant's only.
CREATE FUNCTION monitoring_sample_counts_add() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  INSERT INTO monitoring_sample_counts AS c (tenant_id, rows)
    SELECT tenant_id, count(*) FROM added GROUP BY tenant_id
  ON CONFLICT (tenant_id) DO UPDATE SET rows = c.rows + excluded.rows;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION monitoring_sample_counts_remove() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
  UPDATE monitoring_sample_counts AS c SET rows = greatest(0, c.rows - d.n)
    FROM (SELECT tenant_id, count(*) AS n FROM removed GROUP BY tenant_id) AS d
   WHERE c.tenant_id = d.tenant_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION monitoring_sample_counts_add(), monitoring_sample_counts_remove() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER monitoring_sample_counts_add
  AFTER INSERT ON monitoring_samples REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION monitoring_sample_counts_add();
--> statement-breakpoint
CREATE TRIGGER monitoring_sample_counts_remove
  AFTER DELETE ON monitoring_samples REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION monitoring_sample_counts_remove();
--> statement-breakpoint
-- The app role reads its tenant's count; the system role may also correct one (an operator's fix).
GRANT SELECT ON TABLE monitoring_sample_counts TO rtrw_app;
--> statement-breakpoint
GRANT SELECT, UPDATE ON TABLE monitoring_sample_counts TO rtrw_system;
--> statement-breakpoint
ALTER TABLE monitoring_sample_counts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON monitoring_sample_counts AS PERMISSIVE FOR ALL TO rtrw_app
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
CREATE POLICY system_access ON monitoring_sample_counts AS PERMISSIVE FOR ALL TO rtrw_system
  USING (true)
  WITH CHECK (true);
