import type { RecordStatus } from "@/db/schema";

const styles: Record<RecordStatus, string> = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  disabled: "bg-amber-50 text-amber-800 ring-amber-600/20",
  removed: "bg-slate-100 text-slate-600 ring-slate-500/20",
};

const labels: Record<RecordStatus, string> = { active: "Active", disabled: "Disabled", removed: "Removed" };

export function StatusBadge({ status }: { status: RecordStatus }) {
  return <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[status]}`}>{labels[status]}</span>;
}
