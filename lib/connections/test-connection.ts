import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { entraConnections, type ConnectionTestResult, type ConsentCheckLine } from "@/db/schema";
import { checkEntraConnection, type CheckStep, type EntraConnectionReport } from "@/lib/azure";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { findConnection, scopeGroupIds } from "./connection-row";
import { requireEntraSettings } from "./load-credentials";

function stepLine(label: string, step: CheckStep): ConsentCheckLine {
  if (step.status === "skipped") return { label: `${label}: not tried`, ok: null };
  return step.status === "ok"
    ? { label: `${label}: done`, ok: true }
    : { label: `${label}: failed`, ok: false, detail: step.error.message };
}

/** The optional Intune permission's line: granted, or not granted and what the syncs then leave out. */
function intuneLine({ intune }: EntraConnectionReport): ConsentCheckLine[] {
  const label = `${intune.permission} (optional)`;
  if (intune.status === "unknown") return [];
  return intune.status === "granted"
    ? [{ label: `${label}: granted`, ok: true }]
    : [{ label: `${label}: not granted — Intune details are skipped`, ok: null }];
}

/** Test connection's report as the lines the tab and the consent answer show (the classifier's words only). */
function testResultOf(report: EntraConnectionReport): ConnectionTestResult {
  // The consent link goes with a missing permission, and with the optional Intune one not granted.
  const missing = report.permissions.some((p) => p.status === "missing") || report.intune.status === "not_granted";
  return {
    ok: report.ok,
    summary: report.summary,
    checks: [
      report.token.status === "failed"
        ? { label: "Token: not obtained", ok: false, detail: report.token.error.message }
        : { label: "Token obtained", ok: true },
      ...report.permissions.map((p) => ({
        label: `${p.permission}: ${p.status}`,
        ok: p.status === "unknown" ? null : p.status === "granted",
      })),
      ...intuneLine(report),
      stepLine("Read one user", report.readUser),
      stepLine("Read one device", report.readDevice),
      ...(report.readGroupMembers ? [stepLine("Read a chosen group's members", report.readGroupMembers)] : []),
    ],
    ...(missing ? { consentUrl: report.consentUrl } : {}),
  };
}

/**
 * "Test connection": the connector's check with the organization's saved settings. What it found is kept with its
 * time, so the Microsoft Azure tab shows the last result until the next test.
 */
export async function testSavedConnection(
  actor: Actor,
  organizationId: string,
  now = new Date(),
): Promise<ConnectionTestResult & { connectionId: string; testedAt: Date }> {
  authorize(actor, "superuser");
  const connection = await findConnection(organizationId);
  const settings = await requireEntraSettings(connection);
  const result = testResultOf(await checkEntraConnection(settings, { groupIds: scopeGroupIds(connection!) }));
  await db
    .update(entraConnections)
    .set({ lastTest: result, lastTestedAt: now })
    .where(eq(entraConnections.id, connection!.id));
  // The connection tested goes with the result, so what a passing test clears is this one's.
  return { ...result, connectionId: connection!.id, testedAt: now };
}
