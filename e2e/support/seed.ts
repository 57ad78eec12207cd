import { execFileSync } from "node:child_process";
import { organizationId, sql } from "./database";

/** Fills the app's database through the same command a person uses: npm run db:seed. */
export function seedDemoData(clients: number, devices: number) {
  execFileSync("npx", ["tsx", "db/seed.ts", "--clients", String(clients), "--devices", String(devices), "--replace"], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
    stdio: "pipe",
  });
}

export async function addClient(fields: { displayName: string; mail: string; status?: string; isExternal?: boolean }) {
  const [row] = await sql`
    INSERT INTO clients (organization_id, display_name, mail, user_principal_name, status, is_external, source, job_title)
    VALUES (${await organizationId()}, ${fields.displayName}, ${fields.mail}, ${fields.mail}, ${fields.status ?? "active"}, ${fields.isExternal ?? false}, 'manual', 'Office Manager')
    RETURNING id`;
  return row.id as string;
}

export async function countClientsWhere(condition: "disabled" | "external" | "active") {
  const where = {
    disabled: sql`status = 'disabled'`,
    external: sql`is_external`,
    active: sql`status = 'active'`,
  }[condition];
  const [{ n }] = await sql`SELECT count(*)::int AS n FROM clients WHERE ${where}`;
  return n as number;
}
