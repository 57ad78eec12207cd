"use client";
import { useActionState } from "react";
import { ChoiceGroup } from "@/app/_components/choice-group";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import type { UsersScope } from "@/db/schema";
import { saveUsersScopeAction } from "../actions";
import { OrganizationField } from "../organization-scope";

type Group = { id: string; displayName: string };

function GroupChoice({ group, checked }: { group: Group; checked: boolean }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input
        type="checkbox"
        name={`group:${group.id}`}
        value={group.displayName}
        defaultChecked={checked}
        className="h-4 w-4 accent-indigo-600"
      />
      {group.displayName}
    </label>
  );
}

/** The groups offered (those chosen, then those found by name), each with its box. */
function GroupsField({
  offered,
  isChosen,
  errors,
}: {
  offered: Group[];
  isChosen: (group: Group) => boolean;
  errors?: string[];
}) {
  return (
    <fieldset aria-describedby={errors?.length ? "groups-error" : undefined}>
      <legend className="text-sm font-medium text-slate-700">Groups</legend>
      {offered.length ? (
        <div className="mt-1 space-y-1" data-testid="scope-groups">
          {offered.map((group) => (
            <GroupChoice key={group.id} group={group} checked={isChosen(group)} />
          ))}
        </div>
      ) : (
        <p className="mt-1 text-sm text-slate-500">
          No group chosen: find groups by name above, tick them, then Save Changes.
        </p>
      )}
      <p className="mt-1 text-sm text-slate-600">
        Members of groups nested in a chosen group are synced too. Reading groups needs the application permission{" "}
        <code>GroupMember.Read.All</code>.
      </p>
      {errors?.length ? (
        <p id="groups-error" role="alert" className="mt-1 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

/** "Leave out": the exclusion rules; after a refused save they show what was sent. */
function LeaveOutFields({
  scope,
  typed,
  errors,
}: {
  scope: UsersScope;
  typed: Record<string, string> | undefined;
  errors?: string[];
}) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Leave out</legend>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="skipUnlicensed"
          defaultChecked={typed ? "skipUnlicensed" in typed : scope.skipUnlicensed}
          className="h-4 w-4 accent-indigo-600"
        />
        Accounts with no licence (meeting rooms, shared mailboxes, leftovers)
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="skipDisabledOnFirstSight"
          defaultChecked={typed ? "skipDisabledOnFirstSight" in typed : scope.skipDisabledOnFirstSight}
          className="h-4 w-4 accent-indigo-600"
        />
        Accounts that are already disabled the first time a sync sees them
      </label>
      <label htmlFor="skipPatterns" className="block text-sm">
        Accounts whose user principal name or mail matches
      </label>
      <textarea
        id="skipPatterns"
        name="skipPatterns"
        rows={4}
        defaultValue={typed?.skipPatterns ?? scope.skipPatterns.join("\n")}
        aria-describedby="skipPatterns-hint"
        className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
        placeholder={"svc-*\nnoreply@*\n*#EXT#*"}
      />
      <p id="skipPatterns-hint" className="text-sm text-slate-600">
        One pattern a line; <code>*</code> stands for any characters. Case does not matter.
      </p>
      {errors?.length ? (
        <p role="alert" className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

/** "Which users": all users or the members of chosen groups, and the exclusion rules. */
export function UsersScopeForm({ scope, found }: { scope: UsersScope; found: Group[] }) {
  const [state, action] = useActionState(saveUsersScopeAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  const typed = state.status === "error" ? state.values : undefined;
  // After a refused save, the boxes show what was sent, not what is saved.
  const isChosen = (group: Group) =>
    typed ? `group:${group.id}` in typed : scope.groups.some((g) => g.id === group.id);
  const offered = [...scope.groups, ...found.filter((group) => !scope.groups.some((g) => g.id === group.id))];
  return (
    <form action={action} noValidate className="space-y-5" aria-label="Which users">
      <FormMessage state={state} />
      <OrganizationField />
      <ChoiceGroup
        name="usersScopeMode"
        legend="Sync"
        defaultValue={typed?.usersScopeMode ?? scope.mode}
        errors={errors.usersScopeMode}
        choices={[
          { value: "all_users", label: "All users" },
          { value: "groups", label: "Only members of these groups" },
        ]}
      />
      <GroupsField offered={offered} isChosen={isChosen} errors={errors.groups} />
      <LeaveOutFields scope={scope} typed={typed} errors={errors.skipPatterns} />
      <p className="text-sm text-slate-600">
        A client that falls out of scope is removed at the next users sync, and comes back if it returns. Preview a sync
        from the Microsoft Azure tab before you run it.
      </p>
      <SubmitButton pendingText="Saving…">Save Changes</SubmitButton>
    </form>
  );
}
