import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { devices, organizations } from "@/db/schema";
import { uuidField } from "@/db/is-uuid";
import { ActionRefused } from "@/lib/auth/action-refused";
import { authorize, type Actor } from "@/lib/auth/authorize";
import type { Changes } from "@/lib/audit/record";
import { recordAuditEventAbout } from "@/lib/organizations/audit";
import { holdOrganizationDevices, recomputeDeviceAttention } from "./attention-radar";
import { needsAttention } from "./attention-filter";

const days = (what: string) =>
  z.coerce
    .number(`Enter the number of days ${what}.`)
    .int(`Enter a whole number of days ${what}.`)
    .min(1, `Enter at least 1 day ${what}.`)
    .max(3650, `Enter at most 3650 days (10 years) ${what}.`);

/** "Devices that need attention" on an organization's settings page: its two thresholds in days. */
export const attentionThresholdsForm = z.object({
  organizationId: uuidField("Choose an organization."),
  staleSignInDays: days("without a sign-in"),
  staleCheckInDays: days("without an Intune check-in"),
});

export type AttentionThresholdsForm = z.output<typeof attentionThresholdsForm>;

/** How many of the organization's devices need attention now. */
async function devicesNeedingAttention(actor: Actor, organizationId: string) {
  authorize(actor, "staff");
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(devices)
    .where(and(eq(devices.organizationId, organizationId), needsAttention("any")));
  return n;
}

/** Saves an organization's thresholds and works its devices' reasons out again with them, in one transaction. */
export async function saveAttentionThresholds(actor: Actor, form: AttentionThresholdsForm) {
  authorize(actor, "superuser");
  const { organizationId, staleSignInDays, staleCheckInDays } = form;
  await db.transaction(async (tx) => {
    const [stored] = await tx
      .select({ staleSignInDays: organizations.staleSignInDays, staleCheckInDays: organizations.staleCheckInDays })
      .from(organizations)
      .where(eq(organizations.id, organizationId))
      .for("update");
    if (!stored) throw new ActionRefused("This organization does not exist (any more).");
    const changes: Changes = {};
    if (stored.staleSignInDays !== staleSignInDays)
      changes["Days without a sign-in"] = { from: stored.staleSignInDays, to: staleSignInDays };
    if (stored.staleCheckInDays !== staleCheckInDays)
      changes["Days without an Intune check-in"] = { from: stored.staleCheckInDays, to: staleCheckInDays };
    if (!Object.keys(changes).length) return;
    await tx
      .update(organizations)
      .set({ staleSignInDays, staleCheckInDays, updatedAt: new Date() })
      .where(eq(organizations.id, organizationId));
    await holdOrganizationDevices(tx, organizationId);
    await recomputeDeviceAttention(tx, organizationId);
    const summary = `Changed when a device is stale: ${Object.keys(changes).join(", ")}`;
    await recordAuditEventAbout(
      tx,
      { organizationId },
      actor,
      "devices.attention-thresholds.changed",
      summary,
      changes,
    );
  });
  const needing = await devicesNeedingAttention(actor, organizationId);
  return `Changes saved. ${needing.toLocaleString("en")} ${needing === 1 ? "device needs" : "devices need"} attention.`;
}
