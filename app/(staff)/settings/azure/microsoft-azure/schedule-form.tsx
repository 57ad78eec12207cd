"use client";
import { useActionState, useState } from "react";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { frequencyLabels } from "@/lib/connections/frequencies";
import type { SyncFrequency } from "@/db/schema";
import { saveSyncScheduleAction } from "../actions";
import { OrganizationField } from "../organization-scope";

const scheduled = Object.entries(frequencyLabels).filter(([key]) => key !== "manual");

/** The same setting as Sync frequency on the Settings tab: Manual only, or one of the scheduled frequencies. */
export function ScheduleForm({ frequency, enabled }: { frequency: SyncFrequency; enabled: boolean }) {
  const [state, action] = useActionState(saveSyncScheduleAction, initialFormState);
  // After a save the form shows what was saved; the fields start again from it (React resets a form after its action).
  const saved = state.status === "ok" ? (state.data as { frequency: SyncFrequency }).frequency : frequency;
  return (
    <form action={action} className="mt-3 space-y-3 text-sm" aria-label="When to sync">
      <FormMessage state={state} />
      <OrganizationField />
      {/* After a save the confirmation already says what keeps the schedule from running. */}
      <ScheduleFields
        key={saved}
        frequency={saved}
        enabled={enabled || state.status === "ok"}
        error={state.fieldErrors?.syncFrequency}
      />
      <SubmitButton pendingText="Saving…">Save schedule</SubmitButton>
    </form>
  );
}

function ScheduleFields({
  frequency,
  enabled,
  error,
}: {
  frequency: SyncFrequency;
  enabled: boolean;
  error?: string[];
}) {
  const [mode, setMode] = useState(frequency === "manual" ? "manual" : "scheduled");
  return (
    <>
      <label className="flex items-center gap-2">
        <input
          type="radio"
          name="syncMode"
          value="manual"
          defaultChecked={mode === "manual"}
          onChange={() => setMode("manual")}
          className="h-4 w-4 accent-indigo-600"
        />
        Manual only: sync when someone clicks Sync now
      </label>
      <label className="flex items-center gap-2">
        <input
          type="radio"
          name="syncMode"
          value="scheduled"
          defaultChecked={mode === "scheduled"}
          onChange={() => setMode("scheduled")}
          className="h-4 w-4 accent-indigo-600"
        />
        Scheduled automatic sync
      </label>
      <label className="ml-6 block">
        <span className="mb-1 block font-medium text-slate-700">Sync frequency</span>
        {/* Never disabled: without JavaScript a choice of Scheduled must still come with its frequency. */}
        <select
          name="syncFrequency"
          defaultValue={frequency === "manual" ? "daily" : frequency}
          className={`rounded-md border border-slate-300 bg-white px-2 py-2 ${mode === "manual" ? "opacity-60" : ""}`}
        >
          {scheduled.map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p role="alert" className="text-red-700">
          {error.join(" ")}
        </p>
      )}
      {!enabled && mode === "scheduled" && (
        <p className="text-amber-800">Status is Disabled: scheduled syncs run once Status is Enabled under Settings.</p>
      )}
    </>
  );
}
