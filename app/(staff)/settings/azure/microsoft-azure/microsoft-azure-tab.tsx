import Link from "next/link";
import type { Actor } from "@/lib/auth/authorize";
import { notReadyMessages, getSyncSettings } from "@/lib/connections";
import { getOrganization, organizationOfConnection, severalOrganizations } from "@/lib/organizations/queries";
import { organizationArgument } from "@/lib/sync-runs/command-line";
import { latestSyncRuns } from "@/lib/sync-runs/queries";
import { deltaChecksFor, describeDeltaCheck, type LastDeltaCheck } from "@/lib/sync-runs/delta-checks";
import { jobEngineStatus } from "@/lib/job-engine/status";
import { jobEngineStartHint } from "@/lib/job-engine/send-event";
import { RefreshEvery } from "@/app/_components/refresh-every";
import { LastRun } from "./last-run";
import { PreviewResult } from "./preview-result";
import { ScheduleForm } from "./schedule-form";
import { SyncNowButton } from "./sync-now-button";
import { TestConnection } from "./test-connection";
import { JobEngineDown } from "./job-engine-down";

type Props = { actor: Actor; organizationId: string; basePath: string };

type DeltaChecks = Partial<Record<"users" | "devices", LastDeltaCheck>> | null;

/** Continuously: when Vertask last asked Entra for changes of one kind, and what it found (runs only when something changed). */
function LastDeltaCheckLine({ checks, kind }: { checks: DeltaChecks; kind: "users" | "devices" }) {
  if (!checks) return null;
  const check = checks[kind];
  return (
    <p className="text-sm text-slate-600" data-testid={`delta-check-${kind}`}>
      Continuously: {check ? `${describeDeltaCheck(check)}.` : "the first check comes within a minute."}
    </p>
  );
}

/** Sync now: a button and the last run for users and for devices. */
function SyncNowSection({
  latest,
  checks,
  basePath,
  organizationName,
}: {
  latest: Awaited<ReturnType<typeof latestSyncRuns>>;
  checks: DeltaChecks;
  basePath: string;
  organizationName?: string;
}) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-6">
      <h2 className="text-lg font-semibold">Sync now</h2>
      <p className="mt-1 text-sm text-slate-600">
        Bring clients or devices from Microsoft Entra ID into Vertask right away.
      </p>
      <div className="mt-4 grid gap-6 sm:grid-cols-2">
        <div className="space-y-3">
          <SyncNowButton kind="users" label="Sync users now" />
          <LastRun run={latest.users} noun="users" basePath={basePath} organizationName={organizationName} />
          <LastDeltaCheckLine checks={checks} kind="users" />
        </div>
        <div className="space-y-3">
          <SyncNowButton kind="devices" label="Sync devices now" />
          <LastRun run={latest.devices} noun="devices" basePath={basePath} organizationName={organizationName} />
          <LastDeltaCheckLine checks={checks} kind="devices" />
        </div>
      </div>
      <p className="mt-4 text-sm">
        <Link href={`${basePath}/runs`}>See the run history</Link>
      </p>
    </section>
  );
}

/** The Microsoft Azure tab (Test connection, Sync now, Preview, When to sync) of the single organization or one of several. */
export async function MicrosoftAzureTab({ actor, organizationId, basePath }: Props) {
  const [settings, latest, engine, syncing] = await Promise.all([
    getSyncSettings(actor, organizationId),
    latestSyncRuns(actor, organizationId),
    jobEngineStatus(),
    getOrganization(actor, organizationId),
  ]);
  // With several organizations, the last syncs say whose they are.
  const organization =
    settings.connectionId && (await severalOrganizations())
      ? await organizationOfConnection(settings.connectionId)
      : null;
  // Not set up, or waiting for consent: Settings is where to go (Status has its own field there).
  const notReady =
    settings.readiness === "not_set_up" || settings.readiness === "waiting_for_consent"
      ? notReadyMessages[settings.readiness]
      : null;
  const continuous = settings.syncFrequency === "continuous" && settings.connectionId !== null;
  const checks = continuous && settings.connectionId ? await deltaChecksFor(actor, settings.connectionId) : null;
  const running = [latest.users, latest.devices, latest.usersPreview].some(
    (run) => run && (run.status === "queued" || run.status === "running"),
  );
  // While the job engine does not answer, the sync buttons name the command that works instead.
  const commandOrganization = engine.reachable || !syncing ? null : organizationArgument(syncing);
  return (
    <JobEngineDown organization={commandOrganization}>
      <div className="space-y-6">
        {/* Live progress while a sync runs; while syncing continuously, Entra's changes as they arrive. */}
        {running ? <RefreshEvery seconds={2} /> : continuous && <RefreshEvery seconds={10} />}
        {!engine.reachable && (
          <p
            role="alert"
            data-testid="job-engine-warning"
            className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          >
            Syncs need the job engine, and it does not answer at {engine.where}. {jobEngineStartHint}
          </p>
        )}
        {notReady && (
          <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm">
            {notReady}{" "}
            <Link href={basePath} className="font-medium underline">
              Open Settings
            </Link>
          </p>
        )}
        {/* First: whether the saved settings work at all, and when that was last asked. */}
        <section className="rounded-xl border border-slate-200 bg-white p-6">
          <h2 className="text-lg font-semibold">Test connection</h2>
          <p className="mt-1 text-sm text-slate-600">
            Signs in to Microsoft Entra ID with the saved settings, checks the permissions and reads one user and one
            device (and, when syncing chosen groups, one group&apos;s members).
          </p>
          <TestConnection last={settings.lastTest} />
        </section>
        <SyncNowSection latest={latest} checks={checks} basePath={basePath} organizationName={organization?.name} />
        <section className="rounded-xl border border-slate-200 bg-white p-6">
          <h2 className="text-lg font-semibold">Preview</h2>
          <p className="mt-1 text-sm text-slate-600">
            What a users sync with the saved <Link href={basePath}>Which users</Link> settings would create, update,
            disable, remove and leave out. Nothing is written.
          </p>
          <div className="mt-4 space-y-4">
            <SyncNowButton kind="users" label="Preview" preview />
            <PreviewResult run={latest.usersPreview} />
          </div>
        </section>
        <section className="rounded-xl border border-slate-200 bg-white p-6">
          <h2 className="text-lg font-semibold">When to sync</h2>
          <ScheduleForm frequency={settings.syncFrequency} enabled={settings.enabled} />
        </section>
      </div>
    </JobEngineDown>
  );
}
