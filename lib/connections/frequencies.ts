import type { SyncFrequency } from "@/db/schema";

/** Each "Sync frequency" as the forms show it (client components import this: it loads no db/schema code). */
export const frequencyLabels = {
  manual: "Manual only",
  hourly: "Every hour",
  every_4_hours: "Every 4 hours",
  every_12_hours: "Every 12 hours",
  daily: "Daily",
  weekly: "Weekly",
  continuous: "Continuously (within a minute)",
} as const satisfies Record<SyncFrequency, string>;

/** A frequency that syncs on a clock, every so many hours (Continuously checks every minute instead). */
export type IntervalFrequency = Exclude<SyncFrequency, "manual" | "continuous">;

/** How long a scheduled frequency waits between syncs. */
export const hoursBetweenSyncs: Record<IntervalFrequency, number> = {
  hourly: 1,
  every_4_hours: 4,
  every_12_hours: 12,
  daily: 24,
  weekly: 168,
};
