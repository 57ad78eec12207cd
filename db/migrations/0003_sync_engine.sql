CREATE TABLE "sync_pending_changes" (
	"run_id" uuid NOT NULL,
	"entra_object_id" text NOT NULL,
	"to_status" "record_status" NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "sync_pending_changes_run_id_entra_object_id_pk" PRIMARY KEY("run_id","entra_object_id")
);
--> statement-breakpoint
CREATE TABLE "sync_run_pages" (
	"run_id" uuid NOT NULL,
	"page_index" integer NOT NULL,
	"counts" jsonb NOT NULL,
	"skipped_reasons" jsonb NOT NULL,
	"next_link" text,
	"delta_link" text,
	CONSTRAINT "sync_run_pages_run_id_page_index_pk" PRIMARY KEY("run_id","page_index")
);
--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "owner_entra_object_id" text;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "review_threshold_percent" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "users_delta_link" text;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "users_delta_with_external" boolean;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "devices_delta_link" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "delta_link" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "review_note" text;--> statement-breakpoint
ALTER TABLE "sync_pending_changes" ADD CONSTRAINT "sync_pending_changes_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_run_pages" ADD CONSTRAINT "sync_run_pages_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;