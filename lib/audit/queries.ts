import "server-only";
import { desc } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";

export async function listAuditEvents(actor: Actor, limit = 200) {
  authorize(actor, "superuser");
  return db.select().from(auditEvents).orderBy(desc(auditEvents.at)).limit(limit);
}
