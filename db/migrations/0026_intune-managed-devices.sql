ALTER TYPE "public"."record_source" ADD VALUE 'intune';--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "intune_readable" boolean;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "intune_device_id" text;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "serial_number" text;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "compliance_state" text;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "intune_last_sync_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "enrolled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "ownership" text;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "management_agent" text;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "is_encrypted" boolean;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "primary_user_principal_name" text;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "primary_user_display_name" text;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "primary_user_client_id" uuid;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "intune_listed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "devices" drop column "search_text";--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(immutable_unaccent(coalesce(display_name, '') || ' ' || coalesce(serial_number, '') || ' ' || coalesce(primary_user_display_name, '') || ' ' || coalesce(primary_user_principal_name, '')))) STORED;--> statement-breakpoint
CREATE INDEX "devices_search_trgm" ON "devices" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "intune_note" text;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_primary_user_client_id_clients_id_fk" FOREIGN KEY ("primary_user_client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "devices_intune_only_unique" ON "devices" USING btree ("connection_id","intune_device_id") WHERE entra_object_id IS NULL AND intune_device_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "devices_entra_device_id" ON "devices" USING btree ("connection_id","device_id");--> statement-breakpoint
CREATE INDEX "devices_primary_user" ON "devices" USING btree ("primary_user_client_id");