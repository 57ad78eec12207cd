import type { deviceAttention } from "@/lib/devices/attention-details";
import { Badge } from "@/app/_components/badge";

type Explained = Awaited<ReturnType<typeof deviceAttention>>;

/** Why the device needs attention, each reason with what explains it; nothing for a device in order. */
export function AttentionPanel({ reasons }: { reasons: Explained }) {
  if (!reasons.length) return null;
  return (
    <section
      aria-labelledby="attention-heading"
      className="mb-6 rounded-xl border border-amber-300 bg-amber-50 p-6"
      data-testid="attention-panel"
    >
      <h2 id="attention-heading" className="mb-3 text-lg font-semibold">
        Needs attention
      </h2>
      <ul className="space-y-2 text-sm">
        {reasons.map(({ reason, label, sentences }) => (
          <li key={reason} className="flex flex-wrap items-baseline gap-2">
            <Badge tone="attention">{label}</Badge>
            <span>{sentences.join(" ")}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
