import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { organizations } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { ActionRefused } from "@/lib/auth/action-refused";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { FieldError } from "@/lib/auth/field-error";
import type { OrganizationForm } from "./form-schema";
import { soleOrganization } from "./organization-rows";

const nameTaken = (name: string) =>
  new FieldError("name", `An organization named ${name} already exists: choose another name.`);

/** PostgreSQL's unique violation on lower(name): the check below can lose a race, this cannot. */
const isDuplicateName = (error: unknown) =>
  (error as { code?: string; cause?: { code?: string } })?.code === "23505" ||
  (error as { cause?: { code?: string } })?.cause?.code === "23505";

async function takenBy(name: string) {
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(sql`lower(${organizations.name}) = lower(${name})`);
  return row?.id ?? null;
}

/** "Add organization": a customer of the IT provider, to connect to its Microsoft Entra tenant next. */
export async function addOrganization(actor: Actor, form: OrganizationForm) {
  authorize(actor, "superuser");
  if (await takenBy(form.name)) throw nameTaken(form.name);
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(organizations)
        .values({ name: form.name, primaryDomain: form.primaryDomain || null })
        .returning();
      await recordAuditEvent(tx, actor, "organizations.added", `Added the organization ${form.name}`);
      return created;
    });
  } catch (error) {
    if (isDuplicateName(error)) throw nameTaken(form.name);
    throw error;
  }
}

/** Renames an organization, or changes its primary domain. */
export async function renameOrganization(actor: Actor, organizationId: string, form: OrganizationForm) {
  authorize(actor, "superuser");
  const taken = await takenBy(form.name);
  if (taken && taken !== organizationId) throw nameTaken(form.name);
  try {
    return await db.transaction(async (tx) => {
      const [stored] = await tx.select().from(organizations).where(eq(organizations.id, organizationId)).for("update");
      if (!stored) throw new ActionRefused("This organization does not exist (any more).");
      const next = { name: form.name, primaryDomain: form.primaryDomain || null };
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (stored.name !== next.name) changes.Name = { from: stored.name, to: next.name };
      if (stored.primaryDomain !== next.primaryDomain)
        changes["Primary domain"] = { from: stored.primaryDomain ?? "", to: next.primaryDomain ?? "" };
      if (!Object.keys(changes).length) return "No changes to save.";
      await tx
        .update(organizations)
        .set({ ...next, updatedAt: new Date() })
        .where(eq(organizations.id, organizationId));
      await recordAuditEvent(
        tx,
        actor,
        "organizations.changed",
        `Changed the organization ${next.name}: ${Object.keys(changes).join(", ")}`,
        changes,
      );
      return "Changes saved.";
    });
  } catch (error) {
    if (isDuplicateName(error)) throw nameTaken(form.name);
    throw error;
  }
}

/**
 * The organization Settings → Azure User Sync acts on while there is only one (made as "My organization" on a
 * fresh install, as the guide's first Save Changes did); null with several, whose pages are Settings → Organizations.
 */
export async function soleOrganizationFor(actor: Actor) {
  authorize(actor, "superuser");
  return db.transaction((tx) => soleOrganization(tx));
}
