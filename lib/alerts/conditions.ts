import type { AlertCondition, SyncKind } from "@/db/schema";

/** Whose condition it is: one connection's, or the provider's multi-tenant app's (its credential's expiry). */
export type AlertSubject = { connectionId: string } | { providerApp: true };

/** The columns that say whose a condition is: exactly one of the two is set. */
export const subjectColumns = (subject: AlertSubject) =>
  "connectionId" in subject
    ? { connectionId: subject.connectionId, providerAppId: null }
    : { connectionId: null, providerAppId: true };

export const isConditionOf = (row: Pick<AlertCondition, "connectionId" | "providerAppId">, subject: AlertSubject) =>
  "connectionId" in subject ? row.connectionId === subject.connectionId : row.providerAppId === true;

/**
 * What can be wrong with a connection. Sync conditions are per kind, so a users sync failing and a devices
 * sync succeeding neither hide nor clear each other.
 */
export type ConditionKey =
  | `sync_failed:${SyncKind}`
  | `needs_review:${SyncKind}`
  | `schedule_stalled:${SyncKind}`
  | "secret_expiry"
  | "connection_check";

export const syncFailedKey = (kind: SyncKind) => `sync_failed:${kind}` as const;
export const needsReviewKey = (kind: SyncKind) => `needs_review:${kind}` as const;
export const scheduleStalledKey = (kind: SyncKind) => `schedule_stalled:${kind}` as const;

/** The secret's stages, mildest first: each one reached is mailed once. */
const secretStages = ["30", "7", "1", "expired"] as const;
export type SecretStage = (typeof secretStages)[number];

export const isWorseStage = (next: string, current: string | null) =>
  secretStages.indexOf(next as SecretStage) > secretStages.indexOf((current ?? "") as SecretStage);

/** What the mail's subject says when the condition opens, and when it clears. */
export function headlines(key: string, stage: string | null): { raised: string; cleared: string } {
  const [type, kind] = key.split(":");
  switch (type) {
    case "sync_failed":
      return { raised: `syncing ${kind} failed`, cleared: `${kind} are syncing again` };
    case "needs_review":
      return { raised: `a sync of ${kind} needs review`, cleared: `the held sync of ${kind} is resolved` };
    case "schedule_stalled":
      return { raised: `scheduled syncs of ${kind} have not succeeded`, cleared: `${kind} are syncing again` };
    case "secret_expiry":
      return {
        raised:
          stage === "expired"
            ? "the client secret has expired"
            : `the client secret expires within ${stage} day${stage === "1" ? "" : "s"}`,
        cleared: "the client secret is no longer about to expire",
      };
    default:
      return { raised: "Test connection fails", cleared: "Test connection passes again" };
  }
}
