ALTER TABLE "entra_connections" ADD COLUMN "certificate_key_ciphertext" text;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "certificate_thumbprint_sha256" text;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "certificate_subject" text;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "certificate_expires_on" date;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "certificate_added_at" timestamp with time zone;