ALTER TABLE "entra_connections" ADD COLUMN "portal_microsoft_sign_in" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "portal_redirect_uri" text;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "portal_redirect_uri_client_id" text;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "portal_redirect_uri_registered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "portal_accounts" ADD COLUMN "microsoft_signed_in_at" timestamp with time zone;