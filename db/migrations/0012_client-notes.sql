ALTER TABLE "clients" ADD COLUMN "notes" text;--> statement-breakpoint
CREATE INDEX "clients_active_mail" ON "clients" USING btree (lower(trim("mail"))) WHERE "clients"."status" = 'active';