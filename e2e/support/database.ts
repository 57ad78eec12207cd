// Direct access to the database the app under test uses, to set the scene for a test.
import postgres from "postgres";
import bcrypt from "bcryptjs";

const url = process.env.E2E_DATABASE_URL;
if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests with `npm test`.");

export const sql = postgres(url, { max: 2, onnotice: () => {} });

export async function resetDatabase() {
  await sql`TRUNCATE staff_users, devices, clients, entra_connections, organizations, provider_app, staff_microsoft_sign_in, sign_in_throttles, record_events CASCADE`;
}

export async function addStaff(name: string, email: string, password: string, role: "superuser" | "technician") {
  const hash = await bcrypt.hash(password, 4);
  await sql`INSERT INTO staff_users (name, email, password_hash, role) VALUES (${name}, ${email}, ${hash}, ${role})`;
}

/**
 * Every client and device belongs to an organization: the one with this name (any case), made when missing;
 * without a name, the first one (made as "My organization" when there is none), as clients added by hand get.
 */
export async function organizationId(name?: string) {
  const [first] = name ? [] : await sql`SELECT id FROM organizations ORDER BY created_at, name LIMIT 1`;
  if (first) return first.id as string;
  await sql`INSERT INTO organizations (name) VALUES (${name ?? "My organization"}) ON CONFLICT DO NOTHING`;
  const [row] = await sql`SELECT id FROM organizations WHERE lower(name) = lower(${name ?? "My organization"})`;
  return row.id as string;
}

export async function countRows(table: "staff_users" | "clients" | "devices") {
  const [{ n }] = await sql`SELECT count(*)::int AS n FROM ${sql(table)}`;
  return n as number;
}
