"use client";
import { useActionState, useState, useSyncExternalStore } from "react";
import { FormMessage } from "./form-message";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { secondaryButton } from "./button-styles";

type Command = { intent: string; label: string; /** Asked before a change with lasting effect. */ question?: string };

/**
 * The bulk actions above a list: one form, posting the ticked rows' ids (`id`, from each row's checkbox that names
 * this form) with the button's `intent`. Without JavaScript it posts as it is and the server refuses an empty
 * selection; with it, nothing leaves until a row is ticked. The export posts the same ids to `exportAction` and
 * downloads the CSV it answers.
 */
export function BulkActions({
  id,
  noun,
  action,
  commands,
  exportAction,
}: {
  id: string;
  noun: string;
  action?: (state: FormState, formData: FormData) => Promise<FormState>;
  commands: Command[];
  exportAction: string;
}) {
  const [state, formAction, pending] = useActionState(action ?? (async () => initialFormState), initialFormState);
  const [refusal, setRefusal] = useState<string | null>(null);
  // "Every row on this page" needs JavaScript to tick the rows: without it, it is not shown at all.
  const scripted = useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
  const tickAll = (checked: boolean) =>
    document.querySelectorAll<HTMLInputElement>(`input[name="id"][form="${id}"]`).forEach((box) => {
      box.checked = checked;
    });
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    const ticked = document.querySelectorAll(`input[name="id"][form="${id}"]:checked`).length;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const question = commands.find((command) => command.intent === submitter?.value)?.question;
    if (ticked === 0) {
      event.preventDefault();
      setRefusal(`Tick at least one ${noun} first.`);
    } else if (question && !confirm(question.replace("{n}", String(ticked)))) event.preventDefault();
    else setRefusal(null);
  };
  return (
    <form
      id={id}
      action={action ? formAction : exportAction}
      method={action ? undefined : "post"}
      onSubmit={onSubmit}
      aria-label={`With the ticked ${noun}s`}
      className="mb-3 flex flex-wrap items-center gap-2 text-sm"
    >
      {scripted && (
        <label className="mr-2 flex min-h-tap items-center gap-2 text-slate-700 md:min-h-0">
          <input type="checkbox" className="size-4" onChange={(event) => tickAll(event.target.checked)} />
          Every {noun} on this page
        </label>
      )}
      <span className="text-slate-600">With the ticked {noun}s:</span>
      {commands.map((command) => (
        <button
          key={command.intent}
          type="submit"
          name="intent"
          value={command.intent}
          disabled={pending}
          className={secondaryButton}
        >
          {command.label}
        </button>
      ))}
      <button type="submit" formAction={exportAction} formMethod="post" className={secondaryButton}>
        Export selected (CSV)
      </button>
      {refusal ? (
        <p role="alert" className="w-full rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {refusal}
        </p>
      ) : (
        <div className="w-full empty:hidden">
          <FormMessage state={state} />
        </div>
      )}
    </form>
  );
}
