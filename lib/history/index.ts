// Each client's and device's story (db/schema/history.ts): appended with every change, in its transaction. A sync's
// pages write theirs in bulk with their rows (lib/sync/write-page.ts) and its held disables and removals with their
// reasons (lib/sync/pending-changes.ts); hand edits and portal steps through appendRecordEvents. Events older than
// the retention (VERTASK_HISTORY_DAYS) are deleted by a daily job (inngest/prune-record-history.ts), in batches.
export { appendRecordEvents, doneBy, type NewRecordEvent } from "./append";
export { fieldChanges } from "./field-changes";
export { historyRetentionDays, historyRetentionProblem } from "./retention";
export { deleteRecordEventsBefore } from "./prune";
