// npm run db:seed -- --clients N --devices M [--replace]: fills demo clients and devices.
import { parseArgs } from "node:util";
import { count, eq, sql } from "drizzle-orm";
import { closeDatabase, db } from "./client";
import { clients, devices, entraConnections, organizations } from "./schema";
import { generateClient, generateDevice, randomSource } from "./seed/generate";

const batchSize = 1000;

async function main() {
  const { values } = parseArgs({
    options: {
      clients: { type: "string", default: "200" },
      devices: { type: "string", default: "100" },
      replace: { type: "boolean", default: false },
    },
  });
  const clientCount = Number(values.clients);
  const deviceCount = Number(values.devices);
  if (!Number.isInteger(clientCount) || clientCount < 0 || !Number.isInteger(deviceCount) || deviceCount < 0) {
    throw new Error("--clients and --devices take whole numbers, e.g. --clients 1000 --devices 500.");
  }
  const [{ existing }] = await db.select({ existing: count() }).from(clients);
  if (existing > 0 && !values.replace) {
    throw new Error(
      `The database already holds ${existing} clients. Add --replace to delete all clients and devices first.`,
    );
  }
  await db.execute(sql`TRUNCATE devices, clients CASCADE`);
  const connection = await demoConnection();
  const random = randomSource(42);
  const clientIds: string[] = [];
  for (let start = 0; start < clientCount; start += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, clientCount - start) }, (_, i) =>
      generateClient(start + i, connection, random),
    );
    const inserted = await db.insert(clients).values(rows).returning({ id: clients.id });
    clientIds.push(...inserted.map((row) => row.id));
  }
  for (let start = 0; start < deviceCount; start += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, deviceCount - start) }, (_, i) => {
      const owner = clientIds.length && random.next() < 0.85 ? random.pick(clientIds) : null;
      return generateDevice(start + i, connection, owner, random);
    });
    await db.insert(devices).values(rows);
  }
  await db.execute(sql`ANALYZE clients; ANALYZE devices`);
  console.log(`Seeded ${clientCount} clients and ${deviceCount} devices.`);
}

/** The demo organization (Contoso) and its connection: made on the first seeding, used again by the next. */
async function demoConnection() {
  const [found] = await db
    .select()
    .from(organizations)
    .where(sql`lower(${organizations.name}) = 'contoso'`);
  const organization =
    found ??
    (await db.insert(organizations).values({ name: "Contoso", primaryDomain: "contoso.example" }).returning())[0];
  const [existing] = await db
    .select()
    .from(entraConnections)
    .where(eq(entraConnections.organizationId, organization.id));
  const connection =
    existing ??
    (
      await db
        .insert(entraConnections)
        .values({ name: "Demo tenant (seeded)", organizationId: organization.id })
        .returning()
    )[0];
  return { id: connection.id, organizationId: organization.id };
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(closeDatabase);
