/** The tones a badge wears, from the theme's colours by role (app/globals.css). */
export type Tone = "good" | "attention" | "bad" | "busy" | "quiet" | "other";

const tones: Record<Tone, string> = {
  good: "bg-good-soft text-good ring-emerald-600/20",
  attention: "bg-attention-soft text-attention ring-amber-600/20",
  bad: "bg-bad-soft text-bad ring-red-600/20",
  busy: "bg-busy-soft text-busy ring-sky-600/20",
  quiet: "bg-quiet-soft text-quiet ring-slate-500/20",
  other: "bg-other-soft text-other ring-violet-600/20",
};

/** The pill every status, source and mark wears, in the lists, on a record's page and in the run history. */
export function Badge({ tone, children, testId }: { tone: Tone; children: React.ReactNode; testId?: string }) {
  return (
    <span
      className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}
      data-testid={testId}
    >
      {children}
    </span>
  );
}
