// The daily connection check and the alert sweep at 1,000 organizations: the check's run fans out one event per
// connection in a handful of steps, and the sweep finds and raises everything due in a fixed number of queries.
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { count, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { alertConditions, alertMails } from "@/db/schema";
import { alertSweep } from "@/inngest/alert-sweep";
import { connectionHealthCheck } from "@/inngest/connection-health-check";
import { evaluateTimedAlerts } from "@/lib/alerts/timed-alerts";
import { connectionCheckRequested } from "@/lib/job-engine/events";
import { countQueries } from "../support/counted-queries";
import { useInngestEventApi } from "../support/inngest-event-api";
import { makeAlertsDue, seedManyOrganizations } from "../support/many-organizations";
import { useOrganizationWorld } from "../organizations/organization-world";

useOrganizationWorld();
const received = useInngestEventApi();

const ORGANIZATIONS = 1000;
const numbers = Array.from({ length: ORGANIZATIONS }, (_, i) => i + 1);
const timer = [{ name: "inngest/scheduled.timer", data: {} }] as never;

/** The steps a run executed, as Inngest counts them against its 1,000-step limit. */
const stepsOf = (execution: { state?: Record<string, unknown> }) => Object.keys(execution.state ?? {}).length;

describe("1,000 organizations", () => {
  it("the daily check's run sends one event per connection to check, 200 a step: five steps and one query", async () => {
    await seedManyOrganizations(ORGANIZATIONS);
    // Status Enabled (n % 7 ≠ 0) with a credential: an own app's secret (odd n), or the provider's app consented (n % 10 ≠ 4).
    const toCheck = numbers.filter((n) => n % 7 !== 0 && (n % 2 === 1 || n % 10 !== 4)).length;

    const { result: execution, queries } = await countQueries(() =>
      new InngestTestEngine({ function: connectionHealthCheck }).execute({ events: timer }),
    );
    expect(execution.error).toBeUndefined();
    expect(execution.result).toEqual({ requested: toCheck });
    expect(stepsOf(execution)).toBe(1 + Math.ceil(toCheck / 200));
    expect(queries).toBe(1);

    const requests = received.filter((event) => event.name === connectionCheckRequested.name);
    expect(requests).toHaveLength(toCheck);
    expect(new Set(requests.map((event) => event.data.connectionId)).size).toBe(toCheck);
    // Ids carry the day: a run repeated the same day checks nobody twice.
    const today = new Date().toISOString().slice(0, 10);
    expect(requests.every((event) => event.id === `connection-check-${event.data.connectionId}-${today}`)).toBe(true);
    console.log(
      `daily check, ${ORGANIZATIONS} organizations: ${toCheck} events in ${stepsOf(execution)} steps, ${queries} query`,
    );
  });

  it("the alert sweep finds every secret's stage, the provider app's and every stalled schedule in a fixed number of queries, in two steps", async () => {
    await seedManyOrganizations(ORGANIZATIONS);
    const threeDaysOn = await makeAlertsDue();
    const stalledConnections = numbers.filter((n) => n % 10 === 3 && n % 7 !== 0 && n % 3 !== 0).length;
    const expiringSecrets = numbers.filter((n) => [1, 3, 5].includes(n % 50)).length;

    const first = await countQueries(() => evaluateTimedAlerts(threeDaysOn));
    expect(first.result).toEqual({ stalled: 2 * stalledConnections });
    const open = await db
      .select({ key: alertConditions.conditionKey, stage: alertConditions.stage, n: count() })
      .from(alertConditions)
      .where(isNull(alertConditions.clearedAt))
      .groupBy(alertConditions.conditionKey, alertConditions.stage);
    expect(
      open
        .filter((row) => row.key !== "connection_check")
        .sort((a, b) => `${a.key}${a.stage}`.localeCompare(`${b.key}${b.stage}`)),
    ).toEqual([
      { key: "schedule_stalled:devices", stage: null, n: stalledConnections },
      { key: "schedule_stalled:users", stage: null, n: stalledConnections },
      { key: "secret_expiry", stage: "1", n: 1 },
      { key: "secret_expiry", stage: "30", n: expiringSecrets / 3 },
      { key: "secret_expiry", stage: "7", n: expiringSecrets / 3 },
      { key: "secret_expiry", stage: "expired", n: expiringSecrets / 3 },
    ]);
    const subjects = (await db.select({ subject: alertMails.subject }).from(alertMails)).map((mail) => mail.subject);
    expect(subjects).toHaveLength(expiringSecrets + 1 + 2 * stalledConnections);
    expect(subjects).toContain("Vertask: Customer 0001: the client secret expires within 30 days");
    expect(subjects).toContain("Vertask: Customer 0013: scheduled syncs of users have not succeeded");
    expect(subjects).toContain("Vertask: Provider app: the client secret expires within 1 day");
    // Finding is one query for the secrets, one for the provider app, one for the schedules; raising each batch
    // (secrets, then schedules) is an insert, the organizations' names and the mails.
    expect(first.queries).toBeLessThanOrEqual(12);

    // The next sweep finds the same and changes nothing: three reads.
    const again = await countQueries(() => evaluateTimedAlerts(threeDaysOn));
    expect(again.result).toEqual({ stalled: 0 });
    expect(again.queries).toBe(3);
    expect(await db.$count(alertMails)).toBe(subjects.length);

    // Through the real function: two steps, however many organizations (its mail goes 50 a run).
    const sweep = await new InngestTestEngine({ function: alertSweep }).execute({ events: timer });
    expect(sweep.error).toBeUndefined();
    expect(stepsOf(sweep)).toBe(2);
    expect(await db.$count(alertMails, isNull(alertMails.sentAt))).toBe(subjects.length - 50);
    console.log(
      `alert sweep, ${ORGANIZATIONS} organizations: ${first.queries} queries raising ${subjects.length}, ${again.queries} with nothing new, ${stepsOf(sweep)} steps`,
    );
  });
});
