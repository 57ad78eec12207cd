CREATE TABLE "sync_preview_seen" (
	"run_id" uuid NOT NULL,
	"object_id" text NOT NULL,
	CONSTRAINT "sync_preview_seen_run_id_object_id_pk" PRIMARY KEY("run_id","object_id")
);
--> statement-breakpoint
CREATE TABLE "sync_scope_members" (
	"run_id" uuid NOT NULL,
	"object_id" text NOT NULL,
	CONSTRAINT "sync_scope_members_run_id_object_id_pk" PRIMARY KEY("run_id","object_id")
);
--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "licensed" boolean;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "users_scope" jsonb DEFAULT '{"mode":"all_users","groups":[],"skipUnlicensed":false,"skipPatterns":[],"skipDisabledOnFirstSight":false}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "users_delta_scope" jsonb;--> statement-breakpoint
ALTER TABLE "sync_run_pages" ADD COLUMN "examples" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "users_scope" jsonb;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "preview" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "graph_wait_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "examples" jsonb;--> statement-breakpoint
ALTER TABLE "sync_preview_seen" ADD CONSTRAINT "sync_preview_seen_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_scope_members" ADD CONSTRAINT "sync_scope_members_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clients_hand_made_address" ON "clients" USING btree (lower(trim("mail"))) WHERE source = 'manual' AND entra_object_id IS NULL;