-- Reverses 0003_email_outbox.
DROP INDEX "domain_events_emails_due_idx";--> statement-breakpoint
ALTER TABLE "domain_events" DROP COLUMN "emails_due";
