import "server-only";
import type { Actor } from "@/lib/auth/authorize";
import { csvLine } from "@/lib/lists/csv";
import { changesInWords, describeChanges, runChangeWords } from "./describe-event";
import { allRunChanges, type ListedRun } from "./run-changes";
import { ownerNamesIn } from "./queries";
import type { RunChangesQuery } from "./run-changes-query";

const headers = ["Name", "Action", "Reason", "Changes", "Time"];

/** Every change of a run matching its page's filters, as its page words them (cells defused as every export's are). */
export async function* runChangesCsv(actor: Actor, run: ListedRun, filter: Omit<RunChangesQuery, "page">) {
  const record = run.kind === "users" ? "client" : "device";
  yield "\uFEFF" + csvLine(headers);
  for await (const rows of allRunChanges(actor, run, filter)) {
    const owners = await ownerNamesIn(
      run.connectionId,
      rows.map((row) => row.changes),
    );
    yield rows
      .map((row) =>
        csvLine([
          row.name,
          runChangeWords(row.action, record),
          row.reason,
          changesInWords(describeChanges(record, row.changes, owners)),
          row.at,
        ]),
      )
      .join("");
  }
}
