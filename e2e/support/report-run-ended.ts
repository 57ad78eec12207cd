// Reports a run's end as the sync-run lifecycle does, in a process of its own against the app's database:
//   tsx --conditions=react-server e2e/support/report-run-ended.ts <runId>
import { closeDatabase } from "@/db/client";
import { alertOnRunEnded } from "@/lib/alerts/run-alerts";

await alertOnRunEnded(process.argv[2]);
await closeDatabase();
// The pooled SMTP connection would keep the process alive.
process.exit(0);
