"use client";
import { useState, useSyncExternalStore } from "react";
import { GroupCombobox } from "./group-combobox";

import { groupFieldName, type ChosenGroup as Group } from "@/lib/connections/group-fields";

// True once React runs in the browser: the page is first drawn (and works) without JavaScript.
const noSubscription = () => () => {};
const useJavaScript = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

/** A group's box, named `group:<object id>` with its name as value, as the scope form reads it. */
function GroupBox({ group, checked, onRemove }: { group: Group; checked: boolean; onRemove?: () => void }) {
  return (
    <li className="flex items-center gap-1 rounded-full border border-slate-300 bg-slate-50 py-1 pr-1 pl-3 text-sm">
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          name={groupFieldName(group.id)}
          value={group.displayName}
          defaultChecked={checked}
          className="h-4 w-4 accent-indigo-600"
        />
        {group.displayName}
      </label>
      {onRemove && (
        <button
          type="button"
          onClick={onRemove}
          aria-label={`Remove ${group.displayName}`}
          className="rounded-full px-2 text-slate-500 hover:bg-slate-200 hover:text-slate-900"
        >
          ×
        </button>
      )}
    </li>
  );
}

/**
 * The chosen groups as removable chips, the groups the "Find groups" button found (unticked), and the search. Each
 * is a box of the scope form, so a search sends every tick along and nothing typed is lost.
 */
export function GroupFields({
  chosen: initiallyChosen,
  found,
  search,
  errors,
}: {
  chosen: Group[];
  found: Group[];
  search?: { text?: string; note?: string };
  errors?: string[];
}) {
  const live = useJavaScript();
  const [chosen, setChosen] = useState(initiallyChosen);
  const offered = found.filter((group) => !chosen.some((c) => c.id === group.id));
  return (
    <fieldset aria-describedby={errors?.length ? "groups-error" : undefined} className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Groups</legend>
      {chosen.length ? (
        <ul className="flex flex-wrap gap-2" aria-label="Chosen groups" data-testid="scope-groups">
          {chosen.map((group) => (
            <GroupBox
              key={group.id}
              group={group}
              checked
              onRemove={live ? () => setChosen((all) => all.filter((g) => g.id !== group.id)) : undefined}
            />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">No group chosen: find groups by name below, then Save scope.</p>
      )}
      <GroupCombobox
        live={live}
        chosenIds={chosen.map((group) => group.id)}
        onChoose={(group) => setChosen((all) => [...all, group])}
        text={search?.text}
        note={search?.note}
      />
      {offered.length > 0 && (
        <ul className="flex flex-wrap gap-2" aria-label="Groups found by the search">
          {offered.map((group) => (
            <GroupBox key={group.id} group={group} checked={false} />
          ))}
        </ul>
      )}
      <p className="text-sm text-slate-600">
        Members of groups nested in a chosen group are synced too. Reading groups needs the application permission{" "}
        <code>GroupMember.Read.All</code>.
      </p>
      {errors?.length ? (
        <p id="groups-error" role="alert" className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
