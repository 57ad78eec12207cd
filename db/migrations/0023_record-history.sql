CREATE TYPE "public"."record_event_kind" AS ENUM('created', 'matched', 'changed', 'disabled', 'enabled', 'removed', 'restored', 'added_by_hand', 'edited_by_hand', 'notes_changed', 'portal_invited', 'portal_accepted', 'portal_revoked', 'owner_changed');--> statement-breakpoint
CREATE TABLE "record_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "record_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" uuid NOT NULL,
	"client_id" uuid,
	"device_id" uuid,
	"kind" "record_event_kind" NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"run_id" uuid,
	"staff_id" uuid,
	"staff_name" text,
	"reason" text,
	"changes" jsonb,
	CONSTRAINT "record_events_one_record" CHECK (num_nonnulls("record_events"."client_id", "record_events"."device_id") = 1)
);
--> statement-breakpoint
CREATE INDEX "record_events_of_client" ON "record_events" USING btree ("client_id","id") WHERE client_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "record_events_of_device" ON "record_events" USING btree ("device_id","id") WHERE device_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "record_events_of_run" ON "record_events" USING btree ("run_id","id") WHERE run_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "record_events_at" ON "record_events" USING brin ("at");