ALTER TABLE "entra_connections" ADD COLUMN "last_test" jsonb;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "last_tested_at" timestamp with time zone;