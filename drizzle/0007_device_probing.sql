-- Devices are probed by a connector inside the ISP network (TCP connect to ip_address:port each poll).
ALTER TABLE "devices" ADD COLUMN "connector_id" uuid;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "devices_connector_idx" ON "devices" USING btree ("connector_id") WHERE "devices"."connector_id" is not null;