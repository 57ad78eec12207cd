ALTER TYPE "public"."consent_outcome" ADD VALUE 'refused';--> statement-breakpoint
ALTER TYPE "public"."consent_outcome" ADD VALUE 'awaiting_confirmation';--> statement-breakpoint
ALTER TYPE "public"."consent_outcome" ADD VALUE 'rejected';--> statement-breakpoint
ALTER TABLE "consent_requests" ADD COLUMN "client_id" text;--> statement-breakpoint
ALTER TABLE "consent_requests" ADD COLUMN "expected_tenant_id" text;--> statement-breakpoint
ALTER TABLE "consent_requests" ADD COLUMN "voided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consent_requests" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consent_requests" ADD COLUMN "tenant_details" jsonb;--> statement-breakpoint
-- Links made before this migration do not say which app or tenant they were for: open ones are voided (a new link
-- is one click), answered ones keep their answer.
UPDATE "consent_requests" SET "client_id" = coalesce((SELECT "client_id" FROM "provider_app" LIMIT 1), ''), "answered_at" = "used_at";--> statement-breakpoint
UPDATE "consent_requests" SET "voided_at" = now() WHERE "used_at" IS NULL;--> statement-breakpoint
ALTER TABLE "consent_requests" ALTER COLUMN "client_id" SET NOT NULL;--> statement-breakpoint
-- One tenant, one organization: where two connections already share a tenant, the oldest keeps it; the others are
-- disabled and lose the tenant (and their delta links), each with an audit row naming both organizations.
WITH "ranked" AS (
  SELECT c."id", c."tenant_id", o."name",
    first_value(o."name") OVER (PARTITION BY lower(c."tenant_id") ORDER BY c."created_at", c."id") AS "keeper",
    row_number() OVER (PARTITION BY lower(c."tenant_id") ORDER BY c."created_at", c."id") AS "rank"
  FROM "entra_connections" c JOIN "organizations" o ON o."id" = c."organization_id"
  WHERE c."tenant_id" IS NOT NULL
), "audited" AS (
  INSERT INTO "audit_events" ("actor_name", "action", "summary", "changes")
  SELECT 'Vertask (upgrade)', 'azure.settings.updated',
    "name" || ': Directory (tenant) ID cleared and Status set to Disabled: tenant ' || "tenant_id" || ' is connected to ' || "keeper" || ' (one tenant, one organization)',
    jsonb_build_object('Directory (tenant) ID', jsonb_build_object('from', "tenant_id", 'to', ''))
  FROM "ranked" WHERE "rank" > 1
)
UPDATE "entra_connections" SET "tenant_id" = NULL, "enabled" = false, "users_delta_link" = NULL, "devices_delta_link" = NULL, "users_delta_with_external" = NULL, "updated_at" = now()
WHERE "id" IN (SELECT "id" FROM "ranked" WHERE "rank" > 1);--> statement-breakpoint
CREATE UNIQUE INDEX "entra_connections_one_per_tenant" ON "entra_connections" USING btree (lower("tenant_id"));
