// `npm run bench -- --tenants`, first part: what runs over every organization at once — the schedule tick, the daily
// check's fan-out, the alert sweep, the overview and the banner — timed at 1,000 organizations (written straight into
// the database: tests/support/many-organizations.ts), with the statements each sends.
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { connectionsToCheck } from "@/lib/alerts/connection-health";
import { staffBannerFor } from "@/lib/alerts/queries";
import { evaluateTimedAlerts } from "@/lib/alerts/timed-alerts";
import { organizationsOverview } from "@/lib/organization-overview/overview";
import { findDueSyncs, queueDueSyncs } from "@/lib/sync-runs/schedule";
import { countQueries } from "@/tests/support/counted-queries";
import { createActor } from "@/tests/support/database";
import { makeAlertsDue, seedManyOrganizations } from "@/tests/support/many-organizations";

export const THOUSAND = 1000;
const REPEATS = 5;
const dayMs = 86_400_000;

type Line = { label: string; ms: number; queries: number; note: string };

/** The median of REPEATS runs after one to warm up (plans cached), with the statements of one run. */
async function timed(label: string, work: () => Promise<unknown>, note: (result: unknown) => string): Promise<Line> {
  const { result, queries } = await countQueries(work);
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return { label, ms: times.sort((a, b) => a - b)[Math.floor(REPEATS / 2)], queries, note: note(result) };
}

/** Once, since it changes what it finds: the first run is the one that matters. */
async function once(label: string, work: () => Promise<unknown>, note: (result: unknown) => string): Promise<Line> {
  const started = performance.now();
  const { result, queries } = await countQueries(work);
  return { label, ms: performance.now() - started, queries, note: note(result) };
}

export async function measureThousandOrganizations(): Promise<{ setupMs: number; lines: Line[] }> {
  const setupStarted = performance.now();
  await db.execute(sql`TRUNCATE organizations, provider_app, staff_users CASCADE`);
  await seedManyOrganizations(THOUSAND);
  const admin = await createActor("superuser", "Bench Admin");
  const setupMs = performance.now() - setupStarted;
  const lines: Line[] = [];
  try {
    lines.push(
      await timed(
        "daily check: find the connections to check",
        () => connectionsToCheck(),
        (ids) =>
          `${(ids as unknown[]).length} events: the run's steps are this one and ${Math.ceil((ids as unknown[]).length / 200)} sends of 200`,
      ),
    );
    const threeDaysOn = await makeAlertsDue();
    lines.push(
      await once(
        "alert sweep: everything due raised, with its mail",
        () => evaluateTimedAlerts(threeDaysOn),
        (result) => `${(result as { stalled: number }).stalled} stalled schedules and the secrets' stages opened`,
      ),
    );
    lines.push(
      await timed(
        "alert sweep: nothing new",
        () => evaluateTimedAlerts(threeDaysOn),
        () => "changes nothing",
      ),
    );
    lines.push(
      await timed(
        "overview (Settings → Organizations), its data",
        () => organizationsOverview(admin),
        (rows) => `${(rows as unknown[]).length} rows`,
      ),
    );
    lines.push(
      await timed(
        "staff banner on every page, its data",
        () => staffBannerFor(admin, threeDaysOn),
        (banner) => `${(banner as { organizations: unknown[] }).organizations.length} organizations need attention`,
      ),
    );
    // Last, since it queues runs: a day on, every daily schedule is due, both kinds of each.
    const dayOn = new Date(Date.now() + dayMs);
    lines.push(
      await timed(
        "schedule tick: find the due syncs",
        () => findDueSyncs(dayOn),
        (due) => `${(due as unknown[]).length} due`,
      ),
    );
    const due = await findDueSyncs(dayOn);
    lines.push(
      await once(
        "schedule tick: queue them (one insert)",
        () => queueDueSyncs(due),
        (queued) =>
          `${(queued as unknown[]).length} runs queued: the run's steps are find, queue and ${Math.ceil(due.length / 200)} sends of 200`,
      ),
    );
  } finally {
    // The many-tenants case after this starts from no organization.
    await db.execute(sql`TRUNCATE organizations, provider_app, staff_users CASCADE`);
  }
  return { setupMs, lines };
}

export function thousandOrganizationsTable(m: Awaited<ReturnType<typeof measureThousandOrganizations>>): string[] {
  return [
    `### ${THOUSAND.toLocaleString("en")} organizations at once: the tick, the daily check, the alert sweep, the overview`,
    "",
    "Organizations written straight into the database (half by their own app, half by the provider's; 20 runs of each kind",
    "each, clients and devices). Each time is the median of 5 runs after a warm-up, except those that change what they find (once).",
    "",
    "| what | time | statements | what it found |",
    "|---|---|---|---|",
    ...m.lines.map((line) => `| ${line.label} | ${line.ms.toFixed(1)} ms | ${line.queries} | ${line.note} |`),
    "",
    `Setting up (${THOUSAND.toLocaleString("en")} organizations with their rows): ${(m.setupMs / 1000).toFixed(1)} s.`,
  ];
}
