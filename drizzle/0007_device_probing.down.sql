-- Reverses 0007_device_probing: devices lose the connector that probes them (their status stays as last probed).
DROP INDEX "devices_connector_idx";--> statement-breakpoint
ALTER TABLE "devices" DROP CONSTRAINT "devices_connector_id_connectors_id_fk";--> statement-breakpoint
ALTER TABLE "devices" DROP COLUMN "connector_id";
