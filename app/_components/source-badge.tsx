import type { Client } from "@/db/schema";
import { Badge, type Tone } from "./badge";

type RecordSource = Client["source"];

/** Where a client or device came from, in the words the lists, filters and detail pages use. */
export const sourceLabels: Record<RecordSource, string> = { azure: "Microsoft Entra ID", manual: "Added by hand" };

const tones: Record<RecordSource, Tone> = { azure: "busy", manual: "other" };

/** The same in a dense list's narrow column, the whole name on hover. */
const shortLabels: Record<RecordSource, string> = { azure: "Entra", manual: "By hand" };

export function SourceBadge({ source, short = false }: { source: RecordSource; short?: boolean }) {
  if (!short) return <Badge tone={tones[source]}>{sourceLabels[source]}</Badge>;
  return (
    <span title={sourceLabels[source]}>
      <Badge tone={tones[source]}>{shortLabels[source]}</Badge>
    </span>
  );
}
