CREATE TYPE "public"."consent_outcome" AS ENUM('connected', 'not_working', 'declined');--> statement-breakpoint
CREATE TABLE "consent_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"requested_by_id" uuid NOT NULL,
	"state_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"outcome" "consent_outcome",
	"tenant_id" text,
	"message" text,
	"checks" jsonb,
	CONSTRAINT "consent_requests_state_hash_unique" UNIQUE("state_hash")
);
--> statement-breakpoint
CREATE TABLE "provider_app" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"client_id" text NOT NULL,
	"client_secret_ciphertext" text,
	"client_secret_last_four" text,
	"client_secret_added_at" timestamp with time zone,
	"client_secret_expires_on" date,
	"certificate_key_ciphertext" text,
	"certificate_thumbprint_sha256" text,
	"certificate_subject" text,
	"certificate_expires_on" date,
	"certificate_added_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provider_app_one_row" CHECK ("provider_app"."id")
);
--> statement-breakpoint
ALTER TABLE "consent_requests" ADD CONSTRAINT "consent_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_requests" ADD CONSTRAINT "consent_requests_requested_by_id_staff_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_requests_organization" ON "consent_requests" USING btree ("organization_id","created_at");