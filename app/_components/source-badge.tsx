import type { Client } from "@/db/schema";

type RecordSource = Client["source"];

/** Where a client or device came from, in the words the lists, filters and detail pages use. */
export const sourceLabels: Record<RecordSource, string> = { azure: "Microsoft Entra ID", manual: "Added by hand" };

const styles: Record<RecordSource, string> = {
  azure: "bg-sky-50 text-sky-800 ring-sky-600/20",
  manual: "bg-violet-50 text-violet-800 ring-violet-600/20",
};

export function SourceBadge({ source }: { source: RecordSource }) {
  return (
    <span
      className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[source]}`}
    >
      {sourceLabels[source]}
    </span>
  );
}
