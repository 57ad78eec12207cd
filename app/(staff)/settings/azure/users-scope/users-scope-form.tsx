"use client";
import { useActionState } from "react";
import { ChoiceGroup } from "@/app/_components/choice-group";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import type { UsersScope } from "@/db/schema";
import { usersScopeAction } from "../actions";
import { chosenGroups, type ChosenGroup } from "@/lib/connections/group-fields";
import { GroupFields } from "./group-fields";
import { OrganizationField } from "../organization-scope";

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

/**
 * "Which users": all users or the members of chosen groups, and the exclusion rules. Finding groups is part of
 * the form, so it keeps every tick, the mode and the rules; after a search or a refused save the fields show
 * what was sent, not what is saved.
 */
export function UsersScopeForm({ scope }: { scope: UsersScope }) {
  const [state, action] = useActionState(usersScopeAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  const typed = state.values;
  const search = state.status === "ok" && state.data && typeof state.data === "object" && "found" in state.data;
  const found = search ? (state.data as { found: ChosenGroup[] }).found : [];
  const chosen = typed ? chosenGroups(typed) : scope.groups;
  const groupsKey = [...chosen, ...found].map((group) => group.id).join(",");
  return (
    <form action={action} noValidate className="space-y-5" aria-label="Which users">
      {!search && <FormMessage state={state} />}
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
      <GroupFields
        key={groupsKey}
        chosen={chosen}
        found={found}
        search={{ text: typed?.findGroups, note: search ? state.message : undefined }}
        errors={errors.groups}
      />
      <LeaveOutFields scope={scope} typed={typed} errors={errors.skipPatterns} />
      <p className="text-sm text-slate-600">
        A client that falls out of scope is removed at the next users sync, and comes back if it returns. Preview a sync
        from the Microsoft Azure tab before you run it.
      </p>
      <SubmitButton pendingText="Saving…">Save scope</SubmitButton>
    </form>
  );
}
