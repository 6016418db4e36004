-- Access tokens of a user issued at or before this instant are refused (src/middleware/authenticate.ts).
-- A restore sets it for every user of the tenant, so sessions from before the restore end at once.
ALTER TABLE "users" ADD COLUMN "sessions_valid_after" timestamp with time zone;
