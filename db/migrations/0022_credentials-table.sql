CREATE TABLE "credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid,
	"provider_app_id" boolean,
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
	CONSTRAINT "credentials_connection_id_unique" UNIQUE("connection_id"),
	CONSTRAINT "credentials_provider_app_id_unique" UNIQUE("provider_app_id"),
	CONSTRAINT "credentials_one_owner" CHECK (num_nonnulls("credentials"."connection_id", "credentials"."provider_app_id") = 1)
);
--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_connection_id_entra_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."entra_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_provider_app_id_provider_app_id_fk" FOREIGN KEY ("provider_app_id") REFERENCES "public"."provider_app"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Moves each stored credential as it is: its ciphertexts stay bound to their owner (lib/credentials/purposes.ts),
-- so nothing is decrypted. Rows with nothing stored (nor a saved secret expiry date) bring no row.
INSERT INTO "credentials" (connection_id, client_secret_ciphertext, client_secret_last_four, client_secret_added_at, client_secret_expires_on, certificate_key_ciphertext, certificate_thumbprint_sha256, certificate_subject, certificate_expires_on, certificate_added_at)
SELECT id, client_secret_ciphertext, client_secret_last_four, client_secret_added_at, client_secret_expires_on, certificate_key_ciphertext, certificate_thumbprint_sha256, certificate_subject, certificate_expires_on, certificate_added_at FROM "entra_connections"
WHERE client_secret_ciphertext IS NOT NULL OR certificate_key_ciphertext IS NOT NULL OR client_secret_expires_on IS NOT NULL;--> statement-breakpoint
INSERT INTO "credentials" (provider_app_id, client_secret_ciphertext, client_secret_last_four, client_secret_added_at, client_secret_expires_on, certificate_key_ciphertext, certificate_thumbprint_sha256, certificate_subject, certificate_expires_on, certificate_added_at)
SELECT id, client_secret_ciphertext, client_secret_last_four, client_secret_added_at, client_secret_expires_on, certificate_key_ciphertext, certificate_thumbprint_sha256, certificate_subject, certificate_expires_on, certificate_added_at FROM "provider_app"
WHERE client_secret_ciphertext IS NOT NULL OR certificate_key_ciphertext IS NOT NULL OR client_secret_expires_on IS NOT NULL;--> statement-breakpoint
ALTER TABLE "entra_connections" DROP COLUMN "client_secret_ciphertext";--> statement-breakpoint
ALTER TABLE "entra_connections" DROP COLUMN "client_secret_last_four";--> statement-breakpoint
ALTER TABLE "entra_connections" DROP COLUMN "client_secret_added_at";--> statement-breakpoint
ALTER TABLE "entra_connections" DROP COLUMN "client_secret_expires_on";--> statement-breakpoint
ALTER TABLE "entra_connections" DROP COLUMN "certificate_key_ciphertext";--> statement-breakpoint
ALTER TABLE "entra_connections" DROP COLUMN "certificate_thumbprint_sha256";--> statement-breakpoint
ALTER TABLE "entra_connections" DROP COLUMN "certificate_subject";--> statement-breakpoint
ALTER TABLE "entra_connections" DROP COLUMN "certificate_expires_on";--> statement-breakpoint
ALTER TABLE "entra_connections" DROP COLUMN "certificate_added_at";--> statement-breakpoint
ALTER TABLE "provider_app" DROP COLUMN "client_secret_ciphertext";--> statement-breakpoint
ALTER TABLE "provider_app" DROP COLUMN "client_secret_last_four";--> statement-breakpoint
ALTER TABLE "provider_app" DROP COLUMN "client_secret_added_at";--> statement-breakpoint
ALTER TABLE "provider_app" DROP COLUMN "client_secret_expires_on";--> statement-breakpoint
ALTER TABLE "provider_app" DROP COLUMN "certificate_key_ciphertext";--> statement-breakpoint
ALTER TABLE "provider_app" DROP COLUMN "certificate_thumbprint_sha256";--> statement-breakpoint
ALTER TABLE "provider_app" DROP COLUMN "certificate_subject";--> statement-breakpoint
ALTER TABLE "provider_app" DROP COLUMN "certificate_expires_on";--> statement-breakpoint
ALTER TABLE "provider_app" DROP COLUMN "certificate_added_at";