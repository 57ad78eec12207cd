import type { UsersScope } from "@/db/schema";
import type { ClientFields } from "./record-fields";

// Who a users sync brings in: the scope and exclusion rules a superuser chose (Settings → Azure User Sync).
// Each account left out is counted under its reason; a client that falls out of scope is removed.

const notInGroupsReason = "not in the chosen groups";
const noLicenceReason = "no licence";
const disabledWhenFirstSeenReason = "disabled when first seen";
const matchesPatternReason = (pattern: string) => `matches ${pattern}`;

/** A synced client the rules now leave out is removed, and comes back in the same row if it returns. */
export const leftScopeReason = (why: string) => `left the sync scope (${why})`;

/**
 * `svc-*` matches "svc-backup@contoso.com": `*` is any run of characters, the rest is literal, case ignored.
 * Matched without a regular expression: the first part must start the value, the last end it, and each part
 * between is taken at its first place after the one before (the earliest is never worse), so a pattern a
 * superuser typed (`*a*a*a*a*b`) costs one pass, never the backtracking a `.*` regular expression can take.
 */
export function patternMatches(pattern: string, value: string) {
  const parts = pattern.trim().toLowerCase().split("*");
  const text = value.trim().toLowerCase();
  if (parts.length === 1) return text === parts[0];
  const [first, last] = [parts[0], parts.at(-1)!];
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  const end = text.length - last.length;
  let from = first.length;
  for (const part of parts.slice(1, -1)) {
    const at = text.indexOf(part, from);
    if (at === -1 || at + part.length > end) return false;
    from = at + part.length;
  }
  return true;
}

type Account = Pick<ClientFields, "userPrincipalName" | "mail" | "licensed" | "accountEnabled">;

/**
 * Why the scope leaves this account out, or null. `inChosenGroups` is asked only in group scope; a licence
 * Vertask has not yet been told about (null) is not taken for none.
 */
export function scopeSkipReason(
  scope: UsersScope,
  account: Account,
  inChosenGroups: () => boolean,
  firstSeen: boolean,
): string | null {
  if (scope.mode === "groups" && !inChosenGroups()) return notInGroupsReason;
  const addresses = [account.userPrincipalName, account.mail].filter((address): address is string => Boolean(address));
  const pattern = scope.skipPatterns.find((p) => addresses.some((address) => patternMatches(p, address)));
  if (pattern) return matchesPatternReason(pattern);
  if (scope.skipUnlicensed && account.licensed === false) return noLicenceReason;
  if (scope.skipDisabledOnFirstSight && firstSeen && !account.accountEnabled) return disabledWhenFirstSeenReason;
  return null;
}

/** Whether two scopes bring in the same users (the order of groups and patterns aside). */
export function sameScope(a: UsersScope, b: UsersScope) {
  const key = (s: UsersScope) =>
    JSON.stringify([
      s.mode,
      s.groups.map((g) => g.id).sort(),
      s.skipUnlicensed,
      [...s.skipPatterns].sort(),
      s.skipDisabledOnFirstSight,
    ]);
  return key(a) === key(b);
}
