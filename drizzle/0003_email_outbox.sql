-- The email outbox: events an email rule matches carry emails_due until the rules have run over them,
-- so emails of a run that failed after its data committed are still queued by the every-minute sweep.
ALTER TABLE "domain_events" ADD COLUMN "emails_due" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "domain_events_emails_due_idx" ON "domain_events" USING btree ("id") WHERE "domain_events"."emails_due";