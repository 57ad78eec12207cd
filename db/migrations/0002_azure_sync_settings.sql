CREATE TYPE "public"."sync_frequency" AS ENUM('manual', 'hourly', 'every_4_hours', 'every_12_hours', 'daily', 'weekly');--> statement-breakpoint
CREATE TYPE "public"."sync_kind" AS ENUM('users', 'devices');--> statement-breakpoint
CREATE TYPE "public"."sync_run_status" AS ENUM('queued', 'running', 'succeeded', 'failed', 'needs_review');--> statement-breakpoint
CREATE TYPE "public"."sync_trigger" AS ENUM('manual', 'scheduled', 'command_line');--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"summary" text NOT NULL,
	"changes" jsonb
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"kind" "sync_kind" NOT NULL,
	"trigger" "sync_trigger" NOT NULL,
	"full" boolean DEFAULT false NOT NULL,
	"requested_by_id" uuid,
	"requested_by_name" text,
	"status" "sync_run_status" DEFAULT 'queued' NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"pages_done" integer DEFAULT 0 NOT NULL,
	"counts" jsonb,
	"skipped_reasons" jsonb,
	"error_code" text,
	"error_message" text
);
--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "sync_frequency" "sync_frequency" DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "client_id" text;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "tenant_id" text;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "client_secret_ciphertext" text;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "client_secret_last_four" text;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "client_secret_added_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "client_secret_expires_on" date;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "sync_external_users" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "invite_to_portal" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_staff_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_connection_id_entra_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."entra_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_requested_by_id_staff_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_at" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "sync_runs_latest" ON "sync_runs" USING btree ("connection_id","kind","queued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_active" ON "sync_runs" USING btree ("connection_id","kind") WHERE status IN ('queued', 'running');