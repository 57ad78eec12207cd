import Link from "next/link";
import type { SyncRun } from "@/db/schema";
import { countParts, describeCounts } from "@/lib/sync-runs/describe-run";
import { runActions } from "@/lib/history/run-changes-query";
import { listHref } from "@/app/_components/list-controls";

const linked = (key: string): key is keyof typeof runActions => Object.hasOwn(runActions, key);

/**
 * A run's counts, each that its page can list a link to it with the filter set ("8 removed" → the 8 with their
 * reasons); a run waiting for review links what it holds back. A preview changed nothing: its counts stay words.
 */
export function RunCountLinks({
  run,
  runHref,
}: {
  run: Pick<SyncRun, "counts" | "preview" | "status">;
  runHref: string;
}) {
  if (!run.counts || run.preview) return <>{describeCounts(run.counts)}</>;
  const parts = countParts(run.counts);
  return (
    <>
      {parts.length === 0 && <Link href={runHref}>no changes</Link>}
      {parts.map((part, i) => (
        <span key={part.key}>
          {i > 0 && ", "}
          {linked(part.key) ? <Link href={listHref(runHref, { action: part.key })}>{part.text}</Link> : part.text}
        </span>
      ))}
      {run.status === "needs_review" && (
        <>
          {" · "}
          <Link href={listHref(runHref, { action: "held" })}>what it holds back</Link>
        </>
      )}
    </>
  );
}
