CREATE TYPE "public"."record_source" AS ENUM('azure', 'manual');--> statement-breakpoint
CREATE TYPE "public"."record_status" AS ENUM('active', 'disabled', 'removed');--> statement-breakpoint
CREATE TYPE "public"."staff_role" AS ENUM('superuser', 'technician');--> statement-breakpoint
CREATE TABLE "clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid,
	"entra_object_id" text,
	"display_name" text NOT NULL,
	"given_name" text,
	"surname" text,
	"mail" text,
	"user_principal_name" text,
	"user_type" text,
	"is_external" boolean DEFAULT false NOT NULL,
	"account_enabled" boolean DEFAULT true NOT NULL,
	"job_title" text,
	"department" text,
	"company_name" text,
	"office_location" text,
	"mobile_phone" text,
	"business_phones" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" "record_status" DEFAULT 'active' NOT NULL,
	"source" "record_source" NOT NULL,
	"last_synced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_text" text GENERATED ALWAYS AS (lower(immutable_unaccent(coalesce(display_name, '') || ' ' || coalesce(mail, '') || ' ' || coalesce(user_principal_name, '')))) STORED
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid,
	"entra_object_id" text,
	"device_id" text,
	"display_name" text NOT NULL,
	"operating_system" text,
	"operating_system_version" text,
	"trust_type" text,
	"is_managed" boolean,
	"is_compliant" boolean,
	"account_enabled" boolean DEFAULT true NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	"registered_at" timestamp with time zone,
	"manufacturer" text,
	"model" text,
	"owner_client_id" uuid,
	"status" "record_status" DEFAULT 'active' NOT NULL,
	"source" "record_source" NOT NULL,
	"last_synced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_text" text GENERATED ALWAYS AS (lower(immutable_unaccent(coalesce(display_name, '')))) STORED
);
--> statement-breakpoint
CREATE TABLE "entra_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "staff_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_connection_id_entra_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."entra_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_connection_id_entra_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."entra_connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_owner_client_id_clients_id_fk" FOREIGN KEY ("owner_client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clients_entra_object_unique" ON "clients" USING btree ("connection_id","entra_object_id");--> statement-breakpoint
CREATE INDEX "clients_search_trgm" ON "clients" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "clients_name_order" ON "clients" USING btree ("display_name","id");--> statement-breakpoint
CREATE INDEX "clients_updated_order" ON "clients" USING btree ("updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_entra_object_unique" ON "devices" USING btree ("connection_id","entra_object_id");--> statement-breakpoint
CREATE INDEX "devices_search_trgm" ON "devices" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "devices_name_order" ON "devices" USING btree ("display_name","id");--> statement-breakpoint
CREATE INDEX "devices_owner" ON "devices" USING btree ("owner_client_id");--> statement-breakpoint
CREATE INDEX "devices_operating_system" ON "devices" USING btree ("operating_system");