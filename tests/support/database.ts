import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { staffUsers } from "@/db/schema";
import { hashPassword } from "@/lib/auth/passwords";
import type { Actor } from "@/lib/auth/authorize";

export async function resetDatabase() {
  await db.execute(sql`TRUNCATE staff_users, devices, clients, entra_connections, organizations, sign_in_throttles CASCADE`);
}

export async function createActor(role: Actor["role"], name = `${role} ${Math.random().toString(36).slice(2, 7)}`): Promise<Actor> {
  const email = `${name.replace(/\W+/g, ".").toLowerCase()}@msp.example`;
  const [staff] = await db
    .insert(staffUsers)
    .values({ name, email, role, passwordHash: await hashPassword("a long enough password") })
    .returning();
  return { id: staff.id, name: staff.name, email: staff.email, role: staff.role };
}
