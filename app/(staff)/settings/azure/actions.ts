"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { syncFrequency, syncKind } from "@/db/schema";
import { formAction } from "@/lib/actions/form-action";
import { saveSyncSchedule, saveSyncSettings, saveUsersScope } from "@/lib/sync-settings/commands";
import { syncSettingsForm } from "@/lib/sync-settings/form-schema";
import { usersScopeForm } from "@/lib/sync-settings/scope-form";
import { testSavedConnection } from "@/lib/sync-settings/test-connection";
import { refreshSecretExpiryAlerts } from "@/lib/alerts/secret-expiry-alert";
import { clearConnectionCheckAfterPassingTest } from "@/lib/alerts/connection-health";
import { requestSync } from "@/lib/sync-runs/request-sync";
import { applyReviewedRun } from "@/lib/sync-runs/apply-reviewed-run";
import { cancelSync } from "@/lib/sync-runs/cancel-run";
import { describeNextScheduledSync } from "@/lib/sync-runs/schedule";

export const saveSyncSettingsAction = formAction("superuser", syncSettingsForm, async (input, actor) => {
  const message = await saveSyncSettings(actor, input);
  await refreshSecretExpiryAlerts();
  revalidatePath("/settings/azure", "layout");
  return message === "Changes saved." ? `${message} ${await describeNextScheduledSync()}` : message;
});

export const saveUsersScopeAction = formAction("superuser", usersScopeForm, async (scope, actor) => {
  const message = await saveUsersScope(actor, scope);
  revalidatePath("/settings/azure", "layout");
  return message;
});

export const saveSyncScheduleAction = formAction(
  "superuser",
  z.object({
    syncMode: z.enum(["manual", "scheduled"], "Choose manual only or a scheduled sync."),
    syncFrequency: z.enum(syncFrequency.enumValues).exclude(["manual"], "Choose how often to sync.").optional(),
  }).refine((input) => input.syncMode === "manual" || input.syncFrequency, { path: ["syncFrequency"], message: "Choose how often to sync." }),
  async ({ syncMode, syncFrequency }, actor) => {
    const saved = syncMode === "manual" ? "manual" : syncFrequency!;
    const message = await saveSyncSchedule(actor, saved);
    revalidatePath("/settings/azure", "layout");
    // The form shows what was saved (data), not what it held before the save.
    return { message: `${message} ${await describeNextScheduledSync()}`, data: { frequency: saved } };
  },
);

export const requestSyncAction = formAction(
  "superuser",
  z.object({ kind: z.enum(syncKind.enumValues, "Choose users or devices."), full: z.literal("on").optional(), preview: z.literal("on").optional() }),
  async ({ kind, full, preview }, actor) => {
    await requestSync(actor, kind, { full: full === "on", preview: preview === "on" });
    revalidatePath("/settings/azure", "layout");
    return preview ? "Preview requested: it lists the users and changes nothing." : "Sync requested.";
  },
);

export const testConnectionAction = formAction("superuser", z.object({}), async (_input, actor) => {
  const report = await testSavedConnection(actor);
  if (report.ok) await clearConnectionCheckAfterPassingTest();
  return { message: report.summary, data: report };
});

export const applyReviewedRunAction = formAction("superuser", z.object({ runId: z.uuid("Choose a run to apply.") }), async ({ runId }, actor) => {
  const applied = await applyReviewedRun(actor, runId);
  revalidatePath("/settings/azure", "layout");
  return `Applied: ${applied.disabled} disabled, ${applied.removed} removed.`;
});

export const cancelSyncAction = formAction("superuser", z.object({ runId: z.uuid("Choose a sync to cancel.") }), async ({ runId }, actor) => {
  await cancelSync(actor, runId);
  revalidatePath("/settings/azure", "layout");
  return "Sync cancelled.";
});
