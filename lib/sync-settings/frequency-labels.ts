import type { SyncFrequency } from "@/db/schema";

// Apart from the form schema: the settings forms (client components) show these without loading db/schema.
export const frequencyLabels = {
  manual: "Manual only",
  hourly: "Every hour",
  every_4_hours: "Every 4 hours",
  every_12_hours: "Every 12 hours",
  daily: "Daily",
  weekly: "Weekly",
} as const satisfies Record<SyncFrequency, string>;
