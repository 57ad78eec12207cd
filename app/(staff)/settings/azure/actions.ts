"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { uuidField } from "@/db/is-uuid";
import { syncFrequency, syncKind } from "@/db/schema";
import { formAction } from "@/lib/actions/form-action";
import {
  saveSyncSchedule,
  saveSyncSettings,
  saveUsersScope,
  organizationIdField,
  syncSettingsForm,
  usersScopeForm,
  testSavedConnection,
  findGroups,
} from "@/lib/connections";
import { ActionRefused } from "@/lib/auth/action-refused";
import type { FormState } from "@/lib/actions/form-state";
import { refreshSecretExpiryAlerts } from "@/lib/alerts/secret-expiry-alert";
import { clearConnectionCheckAfterPassingTest } from "@/lib/alerts/connection-health";
import { requestSync } from "@/lib/sync-runs/request-sync";
import { applyReviewedRun } from "@/lib/sync-runs/apply-reviewed-run";
import { cancelSync } from "@/lib/sync-runs/cancel-run";
import { describeNextScheduledSync } from "@/lib/sync-runs/schedule";
import { askForSubscriptionUpkeep } from "@/lib/graph-notifications";

// Each form posts the organization it is about, on the single organization's pages (/settings/azure) too; every
// function below checks it again. Both addresses show the same data after a change.
const organization = z.object({ organizationId: organizationIdField });
const refreshPages = () => {
  revalidatePath("/settings/azure", "layout");
  revalidatePath("/settings/organizations", "layout");
};

export const saveSyncSettingsAction = formAction("superuser", syncSettingsForm, async (input, actor) => {
  const message = await saveSyncSettings(actor, input);
  await askForSubscriptionUpkeep(actor, input.organizationId);
  await refreshSecretExpiryAlerts();
  refreshPages();
  return message === "Changes saved."
    ? `${message} ${await describeNextScheduledSync({ organizationId: input.organizationId })}`
    : message;
});

const saveUsersScopeAction = formAction(
  "superuser",
  z.intersection(usersScopeForm, organization),
  async ({ organizationId, ...scope }, actor) => {
    const message = await saveUsersScope(actor, organizationId, scope);
    await askForSubscriptionUpkeep(actor, organizationId);
    refreshPages();
    return message;
  },
);

// "Find groups" under Which users: saves nothing, and the form keeps every tick, the mode and the rules typed.
export const findGroupsAction = formAction(
  "superuser",
  organization.extend({ findGroups: z.string().trim().max(100, "Type at most 100 characters.").default("") }),
  async ({ organizationId, findGroups: text }, actor) => {
    const result = text ? await findGroups(actor, text, organizationId) : { groups: [] };
    if ("problem" in result) throw new ActionRefused(result.problem);
    const found = result.groups.length;
    const message = !text
      ? "Type the start of a word in a group's name."
      : found
        ? `${found} group${found === 1 ? "" : "s"} found for “${text}”: tick the ones to sync, then Save scope.`
        : `No group has a name with a word starting “${text}”.`;
    return { message, data: { found: result.groups }, keepTyped: true };
  },
);

/** The Which users form's one action: its "Find groups" button finds, its "Save scope" button saves. */
export async function usersScopeAction(previous: FormState, formData: FormData) {
  return formData.get("intent") === "find-groups"
    ? findGroupsAction(previous, formData)
    : saveUsersScopeAction(previous, formData);
}

export const saveSyncScheduleAction = formAction(
  "superuser",
  organization
    .extend({
      syncMode: z.enum(["manual", "scheduled"], "Choose manual only or a scheduled sync."),
      syncFrequency: z.enum(syncFrequency.enumValues).exclude(["manual"], "Choose how often to sync.").optional(),
    })
    .refine((input) => input.syncMode === "manual" || input.syncFrequency, {
      path: ["syncFrequency"],
      message: "Choose how often to sync.",
    }),
  async ({ syncMode, syncFrequency, organizationId }, actor) => {
    const saved = syncMode === "manual" ? "manual" : syncFrequency!;
    const message = await saveSyncSchedule(actor, organizationId, saved);
    await askForSubscriptionUpkeep(actor, organizationId);
    refreshPages();
    // The form shows what was saved (data), not what it held before the save.
    return { message: `${message} ${await describeNextScheduledSync({ organizationId })}`, data: { frequency: saved } };
  },
);

export const requestSyncAction = formAction(
  "superuser",
  organization.extend({
    kind: z.enum(syncKind.enumValues, "Choose users or devices."),
    full: z.literal("on").optional(),
    preview: z.literal("on").optional(),
  }),
  async ({ kind, full, preview, organizationId }, actor) => {
    await requestSync(actor, kind, { full: full === "on", preview: preview === "on", organizationId });
    refreshPages();
    return preview ? "Preview requested: it lists the users and changes nothing." : "Sync requested.";
  },
);

export const testConnectionAction = formAction("superuser", organization, async ({ organizationId }, actor) => {
  const report = await testSavedConnection(actor, organizationId);
  if (report.ok) await clearConnectionCheckAfterPassingTest(report.connectionId, report.testedAt);
  refreshPages();
  return { message: report.summary, data: report };
});

export const applyReviewedRunAction = formAction(
  "superuser",
  z.object({ runId: uuidField("Choose a run to apply.") }),
  async ({ runId }, actor) => {
    const applied = await applyReviewedRun(actor, runId);
    refreshPages();
    return `Applied: ${applied.disabled} disabled, ${applied.removed} removed.`;
  },
);

export const cancelSyncAction = formAction(
  "superuser",
  z.object({ runId: uuidField("Choose a sync to cancel.") }),
  async ({ runId }, actor) => {
    await cancelSync(actor, runId);
    refreshPages();
    return "Sync cancelled.";
  },
);
