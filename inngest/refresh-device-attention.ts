import { inngest } from "@/lib/job-engine/client";
import { organizationsWithDevices, refreshDeviceAttention } from "@/lib/devices/attention-radar";

/** Organizations per step: a step stays short (about a second for 50,000 devices each) and a retried one redoes little. */
const ORGANIZATIONS_PER_STEP = 20;

/**
 * Once a day, works every organization's device attention reasons out again (lib/devices/attention-radar.ts):
 * a device becomes stale with time alone, and an organization synced rarely would otherwise show it only at its
 * next sync.
 */
export const refreshDeviceAttentionDaily = inngest.createFunction(
  {
    id: "refresh-device-attention",
    triggers: [{ cron: "15 4 * * *" }],
    singleton: { key: "refresh-device-attention", mode: "skip" },
  },
  async ({ step }) => {
    const organizations = await step.run("list-organizations", organizationsWithDevices);
    let changed = 0;
    for (let first = 0; first < organizations.length; first += ORGANIZATIONS_PER_STEP) {
      const part = organizations.slice(first, first + ORGANIZATIONS_PER_STEP);
      changed += await step.run(`refresh-organizations-from-${first}`, () => refreshDeviceAttention(part));
    }
    return { organizations: organizations.length, changed };
  },
);
