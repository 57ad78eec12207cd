/**
 * Why a device needs attention, as stored in devices.attention_reasons (lib/device-attention/recompute.ts) and
 * named in the device list's filter, its column and the CSV export.
 */
export const attentionReasons = {
  stale: "Stale",
  owner_gone: "Owner gone",
  not_compliant: "Not compliant",
  not_managed: "Not managed",
  not_encrypted: "Not encrypted",
  same_serial: "Same serial twice",
} as const;

export type AttentionReason = keyof typeof attentionReasons;

export const attentionReasonKeys = Object.keys(attentionReasons) as [AttentionReason, ...AttentionReason[]];

/** "Stale, Owner gone": a device's reasons in the filter's words and order, or null when it needs none. */
export function attentionReasonLabels(reasons: readonly string[]) {
  const labels = attentionReasonKeys.filter((key) => reasons.includes(key)).map((key) => attentionReasons[key]);
  return labels.length ? labels.join(", ") : null;
}

/** Intune's complianceState values that say the device falls short of its policies (inGracePeriod: not yet enforced). */
export const notCompliantStates = ["noncompliant", "inGracePeriod", "conflict", "error"];
