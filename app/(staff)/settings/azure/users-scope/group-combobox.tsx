"use client";
import { useRef, useState } from "react";
import { initialFormState } from "@/lib/actions/form-state";
import { findGroupsAction } from "../actions";
import type { ChosenGroup as Group } from "@/lib/connections/group-fields";

type Props = {
  /** Whether JavaScript runs: before, this is a text box that the "Find groups" button sends with the form. */
  live: boolean;
  chosenIds: string[];
  onChoose: (group: Group) => void;
  /** What the last search by the button asked and said. */
  text?: string;
  note?: string;
};

/** The groups found as one types, which one is active, and what the last search said. */
function useGroupSearch(chosenIds: string[], onChoose: (group: Group) => void) {
  const [options, setOptions] = useState<Group[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [note, setNote] = useState<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const asked = useRef(0);

  function search(input: HTMLInputElement) {
    clearTimeout(timer.current);
    const text = input.value.trim();
    const ask = ++asked.current;
    if (!text) return setOpen(false);
    timer.current = setTimeout(async () => {
      const data = new FormData(input.form!);
      data.set("findGroups", text);
      const answer = await findGroupsAction(initialFormState, data);
      if (ask !== asked.current) return; // a later keystroke asked again
      const found = answer.status === "ok" ? (answer.data as { found: Group[] }).found : [];
      const offered = found.filter((group) => !chosenIds.includes(group.id));
      setOptions(offered);
      setActive(offered.length ? 0 : -1);
      setNote(answer.message);
      setOpen(true);
    }, 300);
  }

  // A search still on its way answers no one once the box is left (say, for the Find groups button).
  function close() {
    clearTimeout(timer.current);
    asked.current++;
    setOpen(false);
  }

  function choose(group: Group) {
    onChoose(group);
    setOptions((current) => current.filter((option) => option.id !== group.id));
    setActive(-1);
    setOpen(false);
    setNote(`${group.displayName} added: Save scope to keep it.`);
  }

  return { options, open, setOpen, active, setActive, note, search, close, choose };
}

function GroupOptions({
  options,
  active,
  expanded,
  onChoose,
}: {
  options: Group[];
  active: number;
  expanded: boolean;
  onChoose: (group: Group) => void;
}) {
  return (
    <ul
      id="group-options"
      role="listbox"
      aria-label="Groups found"
      hidden={!expanded}
      className="absolute z-10 mt-1 max-h-60 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
    >
      {options.map((group, index) => (
        <li
          key={group.id}
          id={`group-option-${group.id}`}
          role="option"
          aria-selected={index === active}
          className={`cursor-pointer px-3 py-1.5 ${index === active ? "bg-indigo-50 text-indigo-900" : ""}`}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onChoose(group)}
        >
          {group.displayName}
        </li>
      ))}
    </ul>
  );
}

/**
 * "Find groups by name": with JavaScript, a combobox (WAI-ARIA combobox pattern with a listbox popup) whose
 * options are Entra groups found as one types; choosing one adds it to the chosen groups. Enter with no option
 * active sends the form with "Find groups", as it does without JavaScript.
 */
export function GroupCombobox({ live, chosenIds, onChoose, text: textAfterSubmit, note: noteAfterSubmit }: Props) {
  const found = useGroupSearch(chosenIds, onChoose);
  const { options, open, active } = found;

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    const last = options.length - 1;
    const step = { ArrowDown: (i: number) => (i >= last ? 0 : i + 1), ArrowUp: (i: number) => (i <= 0 ? last : i - 1) };
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && options.length) {
      event.preventDefault();
      found.setOpen(true);
      found.setActive(step[event.key]);
    } else if (event.key === "Enter" && open && options[active]) {
      event.preventDefault();
      found.choose(options[active]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      found.setOpen(false);
    }
  }

  const expanded = live && open && options.length > 0;
  const combobox = live
    ? {
        role: "combobox",
        "aria-autocomplete": "list" as const,
        "aria-expanded": expanded,
        "aria-controls": "group-options",
        "aria-activedescendant": expanded && active >= 0 ? `group-option-${options[active].id}` : undefined,
        onChange: (event: React.ChangeEvent<HTMLInputElement>) => found.search(event.currentTarget),
        onKeyDown,
        onBlur: found.close,
      }
    : {};
  return (
    <div className="relative">
      <div className="flex items-end gap-2">
        <label className="block flex-1 text-sm">
          <span className="mb-1 block font-medium text-slate-700">Find groups by name</span>
          <input
            name="findGroups"
            defaultValue={textAfterSubmit}
            autoComplete="off"
            placeholder="e.g. sales"
            className="block w-full rounded-md border border-slate-300 px-3 py-2"
            {...combobox}
          />
        </label>
        <button
          type="submit"
          name="intent"
          value="find-groups"
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50"
        >
          Find groups
        </button>
      </div>
      <GroupOptions options={options} active={active} expanded={expanded} onChoose={found.choose} />
      <p role="status" className="mt-1 text-sm text-slate-600" data-testid="group-search-result">
        {found.note ?? noteAfterSubmit}
      </p>
    </div>
  );
}
