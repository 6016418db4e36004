-- Routers: whether the RouterOS API is reached over TLS (api-ssl) is stored, no longer derived from
-- port 8729 wherever it is needed; existing routers keep what the derivation gave them.
ALTER TABLE "mikrotik_routers" ADD COLUMN "api_tls" boolean DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE "mikrotik_routers" SET "api_tls" = true WHERE "api_port" = 8729;--> statement-breakpoint
-- Email: a send claims its notification until this instant (services/email/deliver.ts), so the SMTP
-- conversation runs outside any transaction and a duplicate delivery of the message waits it out.
ALTER TABLE "notifications" ADD COLUMN "sending_until" timestamp with time zone;
