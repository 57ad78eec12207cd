CREATE TYPE "public"."alert_mail_kind" AS ENUM('raised', 'escalated', 'cleared');--> statement-breakpoint
CREATE TABLE "alert_conditions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"condition_key" text NOT NULL,
	"stage" text,
	"summary" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cleared_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "alert_mails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"condition_id" uuid NOT NULL,
	"kind" "alert_mail_kind" NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"recipient_count" integer
);
--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "alert_emails" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_conditions" ADD CONSTRAINT "alert_conditions_connection_id_entra_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."entra_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_mails" ADD CONSTRAINT "alert_mails_condition_id_alert_conditions_id_fk" FOREIGN KEY ("condition_id") REFERENCES "public"."alert_conditions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alert_conditions_one_open" ON "alert_conditions" USING btree ("connection_id","condition_key") WHERE cleared_at IS NULL;--> statement-breakpoint
CREATE INDEX "alert_mails_unsent" ON "alert_mails" USING btree ("created_at") WHERE sent_at IS NULL;