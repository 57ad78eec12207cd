// npm run sync -- users|devices [--full] [--preview] [--organization NAME|DOMAIN|ID | --all [--concurrency N]]
// npm run sync -- --list
// Runs the same sync as the job engine, in this process, for operators: one organization, or every enabled one.
// Every line about an organization starts with its name. Exit codes (cli/sync/options.ts): 0 succeeded, 1 a sync
// failed, 2 wrong usage, 3 cancelled by someone else (Cancel sync in the browser), 4 held for review (nothing
// disabled or removed), 130 stopped by Ctrl-C (SIGINT), 143 stopped by SIGTERM.
import { closeDatabase } from "@/db/client";
import { databaseLostMessage, isDatabaseConnectionLost } from "@/db/connection-lost";
import { notSetUpMessage } from "@/lib/connections";
import { countWaitingInvitations, sendWaitingInvitations } from "@/lib/portal/send-invitations";
import { parseSyncArguments, usage, UsageError, type SyncCommand } from "./sync/options";
import {
  everyOrganization,
  isEnabled,
  organizationLine,
  organizationsNamed,
  type Organization,
} from "./sync/organizations";
import { syncOrganization, type Outcome, type RunRequest, type Stopped } from "./sync/run-one";
import { organizationStatuses } from "@/lib/organization-overview/overview";

const stopSignals = {
  SIGINT: { exitCode: 130, note: "Cancelled from the command line (Ctrl-C)." },
  SIGTERM: { exitCode: 143, note: "Cancelled from the command line (SIGTERM)." },
} as const;

/** Refused before anything runs, with what to choose from: exit code 2. */
class Refusal extends Error {
  constructor(
    message: string,
    readonly organizations: Organization[],
  ) {
    super(message);
  }
}

async function sendInvitations() {
  if ((await countWaitingInvitations()) === 0) return;
  let [sent, remaining] = [0, 1];
  while (remaining > 0) {
    const batch = await sendWaitingInvitations(25);
    [sent, remaining] = [sent + batch.sent, batch.remaining];
  }
  console.log(`Sent ${sent} client portal invitation${sent === 1 ? "" : "s"}.`);
}

/**
 * Ctrl-C or SIGTERM stops every sync after the page being written, and starts no other. Later signals change
 * nothing: a terminal's Ctrl-C reaches every process of its group, and npm and lib/local/run.ts relay it again,
 * so a repeat cannot be told from a second press. To quit at once, kill the process: the next sync takes its
 * runs over.
 */
function stopOnSignals(stop: AbortController): () => Stopped | null {
  let received: Stopped | null = null;
  const onSignal = (signal: keyof typeof stopSignals) => {
    if (received) return;
    received = stopSignals[signal];
    process.stdout.write(`\nStopping after the page being written…\n`);
    stop.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return () => received;
}

/** The one organization a sync without --all is for: the named one, or the only one. */
function chooseOrganization(organizations: Organization[], named: string | null): Organization | null {
  if (named === null) {
    if (organizations.length > 1) {
      throw new Refusal(
        `There are ${organizations.length} organizations: name one with --organization NAME|DOMAIN|ID, or sync every enabled one with --all.`,
        organizations,
      );
    }
    return organizations[0] ?? null;
  }
  const matches = organizationsNamed(organizations, named);
  if (matches.length === 0)
    throw new Refusal(
      `No organization is named "${named}" (by name, primary domain or id). The organizations:`,
      organizations,
    );
  if (matches.length > 1)
    throw new Refusal(
      `"${named}" is the primary domain of ${matches.length} organizations: name one by its name or id.`,
      matches,
    );
  return matches[0];
}

function printOutcome(name: string, outcome: Outcome, { details }: { details: boolean }) {
  const print = outcome.failed ? console.error : console.log;
  print(`${name}: ${outcome.line}`);
  if (details) for (const line of outcome.details) console.log(`${name}: ${line}`);
}

/** One organization, with its progress as it goes. */
async function syncOne(
  organization: Organization,
  request: RunRequest,
  stop: AbortSignal,
  stopped: () => Stopped | null,
) {
  const { name } = organization;
  let progressShown = false;
  const outcome = await syncOrganization(organization.id, request, {
    stop,
    stopped,
    onStart: (runId) =>
      console.log(
        `${name}: ${request.preview ? "Previewing" : "Syncing"} ${request.kind}${request.full ? " (full listing)" : ""}… run ${runId}`,
      ),
    onProgress: (text) => {
      progressShown = true;
      process.stdout.write(`\r${name}: ${text}`);
    },
  });
  if (progressShown) process.stdout.write("\n");
  printOutcome(name, outcome, { details: true });
  return [outcome];
}

/** Every enabled organization, `atOnce` at a time, a line each as it ends, then a summary. */
async function syncAll(
  organizations: Organization[],
  request: RunRequest,
  atOnce: number,
  stop: AbortSignal,
  stopped: () => Stopped | null,
) {
  const enabled = organizations.filter(isEnabled);
  for (const organization of organizations.filter((o) => !isEnabled(o)))
    console.log(`${organization.name}: left out: ${organizationStatuses[organization.status]}`);
  if (enabled.length === 0) {
    console.log("No organization is enabled: nothing to sync (npm run sync -- --list shows them all).");
    return [];
  }
  const what = `${request.preview ? "a preview of " : ""}${request.kind}${request.full ? " (full listing)" : ""}`;
  console.log(
    `Syncing ${what} of ${enabled.length} organization${enabled.length === 1 ? "" : "s"}, ${Math.min(atOnce, enabled.length)} at once…`,
  );
  const outcomes = new Map<Organization, Outcome>();
  let next = 0;
  const worker = async () => {
    while (next < enabled.length && !stop.aborted) {
      const organization = enabled[next++];
      const outcome = await syncOrganization(organization.id, request, { stop, stopped });
      outcomes.set(organization, outcome);
      printOutcome(organization.name, outcome, { details: request.preview });
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, enabled.length) }, worker));

  const notStarted = enabled.filter((organization) => !outcomes.has(organization));
  for (const organization of notStarted) console.log(`${organization.name}: not started (stopped)`);
  const groups: [string, (o: Outcome) => boolean][] = [
    ["succeeded", (o) => o.exitCode === 0],
    ["held for review", (o) => o.exitCode === 4],
    ["cancelled", (o) => o.exitCode === 3 || o.exitCode >= 128],
    ["failed", (o) => o.exitCode === 1],
  ];
  const parts = groups.flatMap(([label, isIt]) => {
    const names = enabled
      .filter((organization) => outcomes.has(organization) && isIt(outcomes.get(organization)!))
      .map((o) => o.name);
    if (!names.length) return [];
    return [`${names.length} ${label}${label === "succeeded" ? "" : ` (${names.join(", ")})`}`];
  });
  if (notStarted.length) parts.push(`${notStarted.length} not started`);
  console.log(
    `Summary: ${what} of ${enabled.length} organization${enabled.length === 1 ? "" : "s"}: ${parts.join(", ")}.`,
  );
  return [...outcomes.values()];
}

/** 0 only when every sync succeeded; a signal's code when stopped; else the worst: failed, cancelled, held. */
function exitCodeOf(outcomes: Outcome[], stopped: Stopped | null) {
  if (stopped) return stopped.exitCode;
  for (const code of [1, 3, 4]) if (outcomes.some((outcome) => outcome.exitCode === code)) return code;
  return 0;
}

async function runCommand(command: Exclude<SyncCommand, { action: "help" }>) {
  const organizations = await everyOrganization();
  if (command.action === "list") {
    if (!organizations.length) console.log("No organization yet: add one under Settings → Organizations.");
    for (const organization of organizations) console.log(organizationLine(organization));
    return 0;
  }
  const { kind, full, preview, target } = command;
  const request: RunRequest = { kind, full, preview };
  const stop = new AbortController();
  const stopped = stopOnSignals(stop);
  let outcomes: Outcome[];
  if ("all" in target) {
    outcomes = await syncAll(organizations, request, target.concurrency, stop.signal, stopped);
  } else {
    const organization = chooseOrganization(organizations, "organization" in target ? target.organization : null);
    if (!organization) {
      console.error(`Sync failed: ${notSetUpMessage}`);
      return 1;
    }
    outcomes = await syncOne(organization, request, stop.signal, stopped);
  }
  if (outcomes.some((outcome) => outcome.wroteClients)) await sendInvitations();
  return exitCodeOf(outcomes, stopped());
}

async function main() {
  let command: SyncCommand;
  try {
    command = parseSyncArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${usage}`);
    return 2;
  }
  if (command.action === "help") {
    console.log(usage);
    return 0;
  }
  try {
    return await runCommand(command);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    console.error(error.message);
    for (const organization of error.organizations) console.error(`  ${organizationLine(organization)}`);
    return 2;
  }
}

main()
  .then((code) => (process.exitCode = code))
  .catch((error) => {
    const reason = isDatabaseConnectionLost(error)
      ? databaseLostMessage
      : error instanceof Error
        ? error.message
        : String(error);
    console.error(`Sync failed: ${reason}`);
    process.exitCode = 1;
  })
  .finally(closeDatabase);
