import { formatDateTime } from "./list-controls";

type Synced = { source: "azure" | "manual" | "intune"; entraObjectId: string | null; lastSyncedAt: Date | null };

/** Where a synced client or device comes from in Entra, and when it was last synced; nothing for one added by hand. */
export function SyncedFromEntra({ record }: { record: Synced }) {
  if (record.source !== "azure") return null;
  return (
    <p className="mb-4 text-sm text-slate-600">
      Synced from Microsoft Entra · object id <code className="text-xs">{record.entraObjectId}</code> · last sync{" "}
      {formatDateTime(record.lastSyncedAt)}
    </p>
  );
}
