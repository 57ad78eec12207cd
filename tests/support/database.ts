import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { entraConnections, staffUsers } from "@/db/schema";
import { findConnectionById } from "@/lib/connections";
import { soleOrganization } from "@/lib/organizations/organization-rows";
import { hashPassword } from "@/lib/auth/passwords";
import type { Actor } from "@/lib/auth/authorize";

export async function resetDatabase() {
  await db.execute(
    sql`TRUNCATE staff_users, devices, clients, entra_connections, organizations, provider_app, staff_microsoft_sign_in, sign_in_throttles, record_events CASCADE`,
  );
}

export async function createActor(
  role: Actor["role"],
  name = `${role} ${Math.random().toString(36).slice(2, 7)}`,
): Promise<Actor> {
  const email = `${name.replace(/\W+/g, ".").toLowerCase()}@msp.example`;
  const [staff] = await db
    .insert(staffUsers)
    .values({ name, email, role, passwordHash: await hashPassword("a long enough password") })
    .returning();
  return { id: staff.id, name: staff.name, email: staff.email, role: staff.role };
}

/** A single-organization test's organization, as Settings → Azure User Sync finds it (made as "My organization"). */
export async function soleOrganizationId() {
  const organization = await db.transaction((tx) => soleOrganization(tx));
  if (!organization) throw new Error("This test expects one organization, and there are several");
  return organization.id;
}

/** A single-organization test's Entra connection; null before the first Save Changes. */
export async function theConnection() {
  const rows = await db.select({ id: entraConnections.id }).from(entraConnections).limit(2);
  if (rows.length > 1) throw new Error("This test expects one connection, and there are several");
  return rows[0] ? findConnectionById(rows[0].id) : null;
}
