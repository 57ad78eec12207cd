CREATE TABLE "staff_microsoft_sign_in" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"tenant_id" text NOT NULL,
	"client_id" text,
	"require_microsoft" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_microsoft_sign_in_one_row" CHECK ("staff_microsoft_sign_in"."id")
);
--> statement-breakpoint
ALTER TABLE "credentials" DROP CONSTRAINT "credentials_one_owner";--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "created_from_command_line" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "microsoft_tenant_id" text;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "microsoft_object_id" text;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "portal_microsoft_sign_in" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "portal_redirect_uri" text;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "portal_redirect_uri_client_id" text;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "portal_redirect_uri_registered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "staff_microsoft_sign_in_id" boolean;--> statement-breakpoint
ALTER TABLE "portal_accounts" ADD COLUMN "microsoft_signed_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_staff_microsoft_sign_in_id_staff_microsoft_sign_in_id_fk" FOREIGN KEY ("staff_microsoft_sign_in_id") REFERENCES "public"."staff_microsoft_sign_in"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "staff_users_microsoft_identity" ON "staff_users" USING btree ("microsoft_tenant_id","microsoft_object_id");--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_staff_microsoft_sign_in_id_unique" UNIQUE("staff_microsoft_sign_in_id");--> statement-breakpoint
ALTER TABLE "staff_users" ADD CONSTRAINT "staff_users_microsoft_identity_whole" CHECK (("staff_users"."microsoft_tenant_id" IS NULL) = ("staff_users"."microsoft_object_id" IS NULL));--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_one_owner" CHECK (num_nonnulls("credentials"."connection_id", "credentials"."provider_app_id", "credentials"."staff_microsoft_sign_in_id") = 1);