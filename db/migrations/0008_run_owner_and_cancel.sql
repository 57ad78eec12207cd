ALTER TYPE "public"."sync_run_status" ADD VALUE 'cancelled';--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "heartbeat_at" timestamp with time zone;