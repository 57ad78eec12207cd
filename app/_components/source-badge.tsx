import type { Client } from "@/db/schema";
import { Badge, type Tone } from "./badge";

type RecordSource = Client["source"];

/** Where a client or device came from, in the words the lists, filters and detail pages use. */
export const sourceLabels: Record<RecordSource, string> = {
  azure: "Microsoft Entra ID",
  manual: "Added by hand",
  intune: "Intune",
};

const tones: Record<RecordSource, Tone> = { azure: "busy", manual: "other", intune: "busy" };

export function SourceBadge({ source }: { source: RecordSource }) {
  return <Badge tone={tones[source]}>{sourceLabels[source]}</Badge>;
}
