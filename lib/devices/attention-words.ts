import type { Device, RecordStatus } from "@/db/schema";
import { attentionReasonKeys, attentionReasons, type AttentionReason } from "./attention-reasons";
import { operatingSystemLabel } from "./operating-systems";

/** What the device's page says of its reasons beyond the row itself: the limits, its owner, the same serial elsewhere. */
export type AttentionFacts = {
  staleSignInDays: number;
  staleCheckInDays: number;
  owner: { name: string; status: RecordStatus } | null;
  sameSerialOn: string[];
};

type DeviceFields = Pick<
  Device,
  | "attentionReasons"
  | "lastSignInAt"
  | "registeredAt"
  | "intuneLastSyncAt"
  | "complianceState"
  | "operatingSystem"
  | "trustType"
  | "serialNumber"
>;

const DAY_MS = 86_400_000;
const daysSince = (at: Date, now: Date) => Math.floor((now.getTime() - at.getTime()) / DAY_MS);
const plural = (n: number, one: string) => `${n.toLocaleString("en")} ${one}${n === 1 ? "" : "s"}`;

const complianceWords: Record<string, string> = {
  noncompliant: "Intune reports it as not compliant with its compliance policies.",
  inGracePeriod: "Intune reports it as not compliant, still in its grace period.",
  conflict: "Intune reports a conflict between its compliance policies.",
  error: "Intune reports an error evaluating its compliance policies.",
};

const trustWords: Record<string, string> = { AzureAd: "joined to Entra", ServerAd: "hybrid joined" };

function staleSentences(device: DeviceFields, facts: AttentionFacts, now: Date) {
  const sentences: string[] = [];
  const signIn = device.lastSignInAt ?? device.registeredAt;
  if (signIn && daysSince(signIn, now) > facts.staleSignInDays) {
    const days = daysSince(signIn, now);
    sentences.push(
      device.lastSignInAt
        ? `No sign-in for ${plural(days, "day")} (the limit is ${facts.staleSignInDays}).`
        : `Never signed in, registered ${plural(days, "day")} ago (the limit is ${facts.staleSignInDays}).`,
    );
  }
  if (device.intuneLastSyncAt && daysSince(device.intuneLastSyncAt, now) > facts.staleCheckInDays)
    sentences.push(
      `No Intune check-in for ${plural(daysSince(device.intuneLastSyncAt, now), "day")} (the limit is ${facts.staleCheckInDays}).`,
    );
  return sentences.length ? sentences : ["Not seen for longer than the organization allows."];
}

function sentencesFor(reason: AttentionReason, device: DeviceFields, facts: AttentionFacts, now: Date): string[] {
  switch (reason) {
    case "stale":
      return staleSentences(device, facts, now);
    case "owner_gone":
      return [
        facts.owner
          ? `Its owner, ${facts.owner.name}, is ${facts.owner.status === "removed" ? "removed" : "disabled"}.`
          : "Its owner is disabled or removed.",
      ];
    case "not_compliant":
      return [
        complianceWords[device.complianceState ?? ""] ??
          "Microsoft Entra reports it as not compliant with its policies.",
      ];
    case "not_managed": {
      const trust = trustWords[device.trustType ?? ""];
      const os = operatingSystemLabel(device.operatingSystem) ?? "company";
      return [`A company ${os} device${trust ? ` (${trust})` : ""} that Intune does not manage.`];
    }
    case "not_encrypted":
      return ["Intune reports that its disk is not encrypted."];
    case "same_serial":
      return [
        facts.sameSerialOn.length
          ? `Serial number ${device.serialNumber} is also on ${facts.sameSerialOn.join(", ")}.`
          : `Serial number ${device.serialNumber} is on another device too.`,
      ];
  }
}

/** Each of the device's reasons with what explains it, in words a technician acts on ("No sign-in for 132 days"). */
export function attentionExplained(device: DeviceFields, facts: AttentionFacts, now = new Date()) {
  return attentionReasonKeys
    .filter((key) => device.attentionReasons.includes(key))
    .map((key) => ({ reason: key, label: attentionReasons[key], sentences: sentencesFor(key, device, facts, now) }));
}
