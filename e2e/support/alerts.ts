import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { smtpPort } from "../../playwright.config";
import { sql } from "./database";

type EndedRun = {
  kind: "users" | "devices";
  status: "failed" | "needs_review" | "succeeded";
  errorMessage?: string;
  reviewNote?: string;
  connectionId?: string;
};

/** Records a run that ended (of the connection named, else the only one), as a sync leaves it, and reports it through the real alertOnRunEnded. */
export async function endRun(run: EndedRun) {
  const [connection] = run.connectionId
    ? [{ id: run.connectionId }]
    : await sql`SELECT id FROM entra_connections ORDER BY created_at LIMIT 1`;
  const counts = {
    created: 0,
    matched: 0,
    updated: 0,
    disabled: 0,
    removed: 0,
    restored: 0,
    unchanged: 40,
    skipped: 0,
  };
  const [row] = await sql`
    INSERT INTO sync_runs (connection_id, kind, trigger, status, started_at, finished_at, counts, error_message, review_note)
    VALUES (${connection.id}, ${run.kind}, 'manual', ${run.status}, now(), now(), ${sql.json(counts)}, ${run.errorMessage ?? null}, ${run.reviewNote ?? null})
    RETURNING id`;
  // Not execFileSync: the test's SMTP inbox runs in this process and must answer meanwhile.
  await promisify(execFile)("npx", ["tsx", "--conditions=react-server", "e2e/support/report-run-ended.ts", row.id], {
    env: {
      ...process.env,
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      APP_URL: "http://vertask.test",
    },
  });
  return row.id as string;
}
