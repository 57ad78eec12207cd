ALTER TABLE "entra_connections" ADD COLUMN "certificate_key_ciphertext" text;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "certificate_thumbprint_sha256" text;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "certificate_subject" text;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "certificate_expires_on" date;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "certificate_added_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "portal_invitations" ADD COLUMN "sync_run_id" uuid;--> statement-breakpoint
ALTER TABLE "portal_invitations" ADD CONSTRAINT "portal_invitations_sync_run_id_sync_runs_id_fk" FOREIGN KEY ("sync_run_id") REFERENCES "public"."sync_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portal_invitations_sync_run" ON "portal_invitations" USING btree ("sync_run_id");