-- Reverses 0009_secret_destinations (TLS is derived from port 8729 again; in-flight email claims are forgotten).
ALTER TABLE "notifications" DROP COLUMN "sending_until";--> statement-breakpoint
ALTER TABLE "mikrotik_routers" DROP COLUMN "api_tls";
