CREATE TYPE "public"."connection_method" AS ENUM('own_app', 'provider_app');--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"primary_domain" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "organization_id" uuid;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "organization_id" uuid;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "organization_id" uuid;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD COLUMN "method" "connection_method" DEFAULT 'own_app' NOT NULL;--> statement-breakpoint
-- Each existing connection becomes an organization named after its tenant: the company name most of its
-- synced members carry, else the domain most of their sign-in names end with, else the connection's name.
-- Its primary domain is the domain most of their mail addresses end with.
CREATE TEMPORARY TABLE "tenant_names" ON COMMIT DROP AS
SELECT c.id AS connection_id,
  coalesce(
    (SELECT company_name FROM clients WHERE connection_id = c.id AND NOT is_external AND nullif(trim(company_name), '') IS NOT NULL
      GROUP BY company_name ORDER BY count(*) DESC, company_name LIMIT 1),
    (SELECT lower(split_part(user_principal_name, '@', 2)) FROM clients WHERE connection_id = c.id AND NOT is_external AND user_principal_name LIKE '%@%'
      GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1),
    c.name) AS name,
  (SELECT lower(split_part(coalesce(mail, user_principal_name), '@', 2)) FROM clients
    WHERE connection_id = c.id AND NOT is_external AND coalesce(mail, user_principal_name) LIKE '%@%'
    GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1) AS primary_domain,
  row_number() OVER (ORDER BY c.created_at, c.id) AS position
FROM entra_connections c;--> statement-breakpoint
-- Two tenants with the same name keep them apart by their position.
UPDATE "tenant_names" t SET name = t.name || ' (' || t.position || ')'
WHERE EXISTS (SELECT 1 FROM "tenant_names" o WHERE lower(o.name) = lower(t.name) AND o.position < t.position);--> statement-breakpoint
INSERT INTO "organizations" (id, name, primary_domain)
SELECT gen_random_uuid(), name, primary_domain FROM "tenant_names" ORDER BY position;--> statement-breakpoint
UPDATE "entra_connections" c SET organization_id = o.id
FROM "tenant_names" t JOIN "organizations" o ON o.name = t.name WHERE t.connection_id = c.id;--> statement-breakpoint
-- Clients and devices added by hand go to the first organization; with none yet, to one made for them.
INSERT INTO "organizations" (name)
SELECT 'My organization' WHERE NOT EXISTS (SELECT 1 FROM organizations)
  AND (EXISTS (SELECT 1 FROM clients) OR EXISTS (SELECT 1 FROM devices));--> statement-breakpoint
UPDATE "clients" SET organization_id = coalesce(
  (SELECT organization_id FROM entra_connections c WHERE c.id = clients.connection_id),
  (SELECT id FROM organizations ORDER BY created_at, name LIMIT 1));--> statement-breakpoint
UPDATE "devices" SET organization_id = coalesce(
  (SELECT organization_id FROM entra_connections c WHERE c.id = devices.connection_id),
  (SELECT id FROM organizations ORDER BY created_at, name LIMIT 1));--> statement-breakpoint
ALTER TABLE "clients" ALTER COLUMN "organization_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ALTER COLUMN "organization_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "entra_connections" ALTER COLUMN "organization_id" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_name_unique" ON "organizations" USING btree (lower("name"));--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entra_connections" ADD CONSTRAINT "entra_connections_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clients_organization_name_order" ON "clients" USING btree ("organization_id","display_name","id");--> statement-breakpoint
CREATE INDEX "devices_organization_name_order" ON "devices" USING btree ("organization_id","display_name","id");--> statement-breakpoint
ALTER TABLE "entra_connections" ADD CONSTRAINT "entra_connections_organization_id_unique" UNIQUE("organization_id");
