import "server-only";
import { asc, eq, inArray, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { entraConnections, organizations } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { isUuid } from "@/db/is-uuid";
import { FieldError } from "@/lib/auth/field-error";
import { createOrganization } from "./organization-rows";

type Database = Transaction | typeof db;

export type OrganizationChoice = { id: string; name: string };

/** Every organization by name: the lists' Organization filter and the forms' Organization choice. */
export async function listOrganizationChoices(actor: Actor): Promise<OrganizationChoice[]> {
  authorize(actor, "staff");
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .orderBy(asc(sql`lower(${organizations.name})`));
}

/**
 * Whether there are two or more organizations. Only then do the lists, a record's page, alerts and audit
 * entries name them: with one, Vertask reads as it did before organizations.
 */
export async function severalOrganizations(tx: Database = db) {
  const rows = await tx.select({ id: organizations.id }).from(organizations).limit(2);
  return rows.length > 1;
}

/**
 * The organization a client added by hand goes to: the one chosen, which must exist; with none chosen, the
 * only one (made as "My organization" when there is none). With two or more, a choice is required.
 */
export async function organizationForHandMadeClient(
  tx: Transaction,
  chosenId: string | null | undefined,
): Promise<{ id: string; name: string }>;
/** As above; with `orMake: false` (a preview, which saves nothing), null rather than making "My organization". */
export async function organizationForHandMadeClient(
  tx: Transaction,
  chosenId: string | null | undefined,
  options: { orMake: false },
): Promise<{ id: string; name: string } | null>;
export async function organizationForHandMadeClient(
  tx: Transaction,
  chosenId: string | null | undefined,
  { orMake = true } = {},
) {
  if (chosenId) {
    const [chosen] = isUuid(chosenId)
      ? await tx.select().from(organizations).where(eq(organizations.id, chosenId))
      : [];
    if (!chosen) throw new FieldError("organizationId", "This organization no longer exists: choose another.");
    return chosen;
  }
  const existing = await tx.select({ id: organizations.id, name: organizations.name }).from(organizations).limit(2);
  if (existing.length > 1) throw new FieldError("organizationId", "Choose an organization.");
  return existing[0] ?? (orMake ? createOrganization(tx, { name: "My organization" }) : null);
}

/** The name of the organization a connection belongs to. */
async function organizationNameOfConnection(tx: Database, connectionId: string) {
  const [row] = await tx
    .select({ name: organizations.name })
    .from(entraConnections)
    .innerJoin(organizations, eq(organizations.id, entraConnections.organizationId))
    .where(eq(entraConnections.id, connectionId));
  return row?.name ?? null;
}

/** The organization's name where words should name it (two or more organizations); null with one. */
async function organizationNameToShow(tx: Database, where: { connectionId: string } | { organizationId: string }) {
  if (!(await severalOrganizations(tx))) return null;
  if ("connectionId" in where) return organizationNameOfConnection(tx, where.connectionId);
  const [row] = await tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, where.organizationId));
  return row?.name ?? null;
}

/** "Contoso: Changed Status" while there are two or more organizations; the text alone with one. */
export async function namingOrganization(
  tx: Database,
  where: { connectionId: string } | { organizationId: string },
  text: string,
) {
  const name = await organizationNameToShow(tx, where);
  return name ? `${name}: ${text}` : text;
}

/** The names of these organizations, by id: what a list page shows for its own rows only. */
async function organizationNamesOf(ids: string[]) {
  const unique = [...new Set(ids)];
  const rows = unique.length
    ? await db
        .select({ id: organizations.id, name: organizations.name })
        .from(organizations)
        .where(inArray(organizations.id, unique))
    : [];
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** A list page's rows, each with its organization's name. */
export async function withOrganizationNames<R extends { organizationId: string }>(
  rows: R[],
): Promise<(R & { organizationName: string })[]> {
  const names = await organizationNamesOf(rows.map((row) => row.organizationId));
  return rows.map((row) => ({ ...row, organizationName: names.get(row.organizationId) ?? "" }));
}

/** One organization for its pages; null for an id that is not one (a bad link is a plain not-found). */
export async function getOrganization(actor: Actor, organizationId: string) {
  authorize(actor, "superuser");
  if (!isUuid(organizationId)) return null;
  const [row] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  return row ?? null;
}

/** The organization whose connection is the single organization's (Settings → Azure User Sync), if any. */
export async function organizationOfConnection(connectionId: string) {
  const [row] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .innerJoin(entraConnections, eq(entraConnections.organizationId, organizations.id))
    .where(eq(entraConnections.id, connectionId));
  return row ?? null;
}
