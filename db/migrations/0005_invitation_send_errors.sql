ALTER TABLE "portal_invitations" ALTER COLUMN "nonce" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "portal_invitations" ADD COLUMN "send_error" text;