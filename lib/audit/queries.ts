import "server-only";
import { asc, desc, ilike, or } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { cappedTotal } from "@/lib/lists/list-total";
import { directionOf } from "@/lib/lists/sorting";
import { auditListQuery, auditSortDefaults, type AuditListQuery } from "./list-query";

function auditFilter(query: AuditListQuery) {
  if (!query.q) return undefined;
  const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return or(ilike(auditEvents.summary, pattern), ilike(auditEvents.actorName, pattern));
}

/** The latest events (or, with a query, those whose summary or person matches, in its order). */
export async function listAuditEvents(actor: Actor, limit = 200, query: AuditListQuery = auditListQuery.parse({})) {
  authorize(actor, "superuser");
  const direction = directionOf(query.sort, query.dir, auditSortDefaults) === "asc" ? asc : desc;
  const order =
    query.sort === "actor" ? [direction(auditEvents.actorName), desc(auditEvents.at)] : [direction(auditEvents.at)];
  return db
    .select()
    .from(auditEvents)
    .where(auditFilter(query))
    .orderBy(...order)
    .limit(limit);
}

/** How many events the audit log's query matches. */
export async function countAuditEvents(actor: Actor, query: AuditListQuery) {
  authorize(actor, "superuser");
  return cappedTotal(auditEvents, auditFilter(query));
}
