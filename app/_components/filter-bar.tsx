"use client";
import Form from "next/form";
import { useEffect, useRef } from "react";

/** How long typing in the search pauses before the list follows it. */
const SEARCH_PAUSE_MS = 400;

/**
 * A list's filters: a GET form, so the filters live in the address and work without JavaScript (Apply). With
 * JavaScript the list follows each change at once, and the search once typing pauses. `carried` keeps what the
 * form does not show (the sort); the page goes back to the first.
 */
export function FilterBar({
  action,
  carried,
  children,
}: {
  action: string;
  carried: Record<string, string | undefined>;
  children: React.ReactNode;
}) {
  const pause = useRef<ReturnType<typeof setTimeout>>(undefined);
  // A search that was still waiting must not apply after Apply did, nor once the person has left the list.
  const cancel = () => clearTimeout(pause.current);
  useEffect(() => cancel, []);
  const apply = (form: HTMLFormElement | null, delay: number) => {
    clearTimeout(pause.current);
    pause.current = setTimeout(() => form?.requestSubmit(), delay);
  };
  return (
    <Form
      action={action}
      role="search"
      className="mb-4 flex flex-wrap items-end gap-3"
      onSubmit={cancel}
      onChange={(event) => {
        const typing = event.target instanceof HTMLInputElement && event.target.type === "search";
        apply(event.currentTarget, typing ? SEARCH_PAUSE_MS : 0);
      }}
    >
      {Object.entries(carried).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
      {children}
      <button
        type="submit"
        className="min-h-tap rounded-md bg-slate-800 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 md:min-h-0"
      >
        Apply
      </button>
    </Form>
  );
}
