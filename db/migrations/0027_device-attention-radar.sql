ALTER TABLE "organizations" ADD COLUMN "stale_sign_in_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "stale_check_in_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "attention_reasons" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "devices_needing_attention_name_order" ON "devices" USING btree ("display_name","id") WHERE cardinality("devices"."attention_reasons") > 0 AND "devices"."status" <> 'removed';--> statement-breakpoint
CREATE INDEX "devices_attention_reasons" ON "devices" USING gin ("attention_reasons");