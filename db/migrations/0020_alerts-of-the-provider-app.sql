ALTER TABLE "alert_conditions" ALTER COLUMN "connection_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_conditions" ADD COLUMN "provider_app_id" boolean;--> statement-breakpoint
ALTER TABLE "alert_conditions" ADD CONSTRAINT "alert_conditions_provider_app_id_provider_app_id_fk" FOREIGN KEY ("provider_app_id") REFERENCES "public"."provider_app"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_conditions_one_open_of_provider_app" ON "alert_conditions" USING btree ("provider_app_id","condition_key") WHERE cleared_at IS NULL;--> statement-breakpoint
ALTER TABLE "alert_conditions" ADD CONSTRAINT "alert_conditions_one_subject" CHECK (num_nonnulls("alert_conditions"."connection_id", "alert_conditions"."provider_app_id") = 1);