"use client";
import { useActionState, useState } from "react";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { frequencyLabels } from "@/lib/sync-settings/frequency-labels";
import type { SyncFrequency } from "@/db/schema";
import { saveSyncScheduleAction } from "../actions";

const scheduled = Object.entries(frequencyLabels).filter(([key]) => key !== "manual");

export function ScheduleForm({ frequency, enabled }: { frequency: SyncFrequency; enabled: boolean }) {
  const [state, action] = useActionState(saveSyncScheduleAction, initialFormState);
  const [mode, setMode] = useState(frequency === "manual" ? "manual" : "scheduled");
  return (
    <form action={action} className="mt-3 space-y-3 text-sm" aria-label="When to sync">
      <FormMessage state={state} />
      <label className="flex items-center gap-2">
        <input type="radio" name="syncMode" value="manual" checked={mode === "manual"} onChange={() => setMode("manual")} className="h-4 w-4 accent-indigo-600" />
        Manual only: sync when someone clicks Sync now
      </label>
      <label className="flex items-center gap-2">
        <input type="radio" name="syncMode" value="scheduled" checked={mode === "scheduled"} onChange={() => setMode("scheduled")} className="h-4 w-4 accent-indigo-600" />
        Scheduled automatic sync
      </label>
      <label className="ml-6 block">
        <span className="mb-1 block font-medium text-slate-700">Sync frequency</span>
        <select name="syncFrequency" defaultValue={frequency === "manual" ? "daily" : frequency} disabled={mode === "manual"} className="rounded-md border border-slate-300 bg-white px-2 py-2 disabled:opacity-50">
          {scheduled.map(([key, label]) => <option key={key} value={key}>{label}</option>)}
        </select>
      </label>
      {state.fieldErrors?.syncFrequency && <p role="alert" className="text-red-700">{state.fieldErrors.syncFrequency.join(" ")}</p>}
      {!enabled && mode === "scheduled" && <p className="text-amber-800">Status is Disabled: scheduled syncs run once Status is Enabled under Settings.</p>}
      <SubmitButton pendingText="Saving…">Save schedule</SubmitButton>
    </form>
  );
}
