// Puts a connection in continuous mode ("Continuously (within a minute)"), the sync_frequency value 'continuous'.
// Branch continuous adds that value to the enum with its migration; until the two meet, this adds it to the test
// database itself when it is missing (IF NOT EXISTS: a no-op once the migration has run).
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { entraConnections } from "@/db/schema";

export async function setContinuous(connectionId: string, continuous = true) {
  if (continuous) await db.execute(sql`ALTER TYPE sync_frequency ADD VALUE IF NOT EXISTS 'continuous'`);
  await db
    .update(entraConnections)
    .set({ syncFrequency: sql.raw(`'${continuous ? "continuous" : "manual"}'::sync_frequency`) })
    .where(eq(entraConnections.id, connectionId));
}
