import { describe, expect, it } from "vitest";
import { allUsersScope, type UsersScope } from "@/db/schema";
import { decidePage, type KnownRecord, type PageRules } from "@/lib/sync/decide-page";
import { patternMatches, sameScope, scopeSkipReason } from "@/lib/sync/users-scope";
import { usersScopeForm } from "@/lib/connections";

const account = (
  upn: string,
  extra: Partial<{ mail: string | null; licensed: boolean | null; accountEnabled: boolean }> = {},
) => ({
  userPrincipalName: upn,
  mail: upn,
  licensed: true,
  accountEnabled: true,
  ...extra,
});
const scope = (rules: Partial<UsersScope>): UsersScope => ({ ...allUsersScope, ...rules });

describe("the exclusion rules", () => {
  it("a pattern's * stands for any characters, the rest is literal, and case does not matter", () => {
    expect(patternMatches("svc-*", "SVC-backup@contoso.com")).toBe(true);
    expect(patternMatches("noreply@*", "noreply@contoso.com")).toBe(true);
    expect(patternMatches("*#EXT#*", "ana_fabrikam.com#EXT#@contoso.onmicrosoft.com")).toBe(true);
    expect(patternMatches("svc-*", "my-svc-account@contoso.com")).toBe(false);
    expect(patternMatches("a.b@*", "axb@contoso.com")).toBe(false);
  });

  it("a part between stars is found anywhere after the one before, and the first and last parts never overlap", () => {
    expect(patternMatches("svc-*@*.contoso.com", "svc-x@eu.contoso.com")).toBe(true);
    expect(patternMatches("*room*board*", "ROOM-BOARDroom@contoso.com")).toBe(true);
    expect(patternMatches("*board*room*", "room-board@contoso.com")).toBe(false);
    expect(patternMatches("ab*ba", "aba")).toBe(false);
    expect(patternMatches("ab*ba", "abba")).toBe(true);
    expect(patternMatches("a**b", "ab")).toBe(true);
    expect(patternMatches("*", "anyone@contoso.com")).toBe(true);
    expect(patternMatches("exact@contoso.com", " Exact@Contoso.com ")).toBe(true);
  });

  it("a pathological pattern against a 200-character address takes microseconds, not the backtracking of a regular expression", () => {
    const pattern = "*a*a*a*a*a*a*a*a*b";
    const address = "a".repeat(200);
    const started = performance.now();
    for (let i = 0; i < 1000; i++) expect(patternMatches(pattern, address)).toBe(false);
    // The backtracking regular expression took minutes for one match: a second for a thousand, even on a busy
    // machine, tells linear from exponential without measuring speed.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(patternMatches(pattern, `${address}b`)).toBe(true);
  });

  it("names the rule an account is left out by, in the order groups, patterns, licence, disabled", () => {
    const rules = scope({ skipPatterns: ["svc-*"], skipUnlicensed: true, skipDisabledOnFirstSight: true });
    expect(scopeSkipReason(rules, account("svc-scan@contoso.com", { licensed: false }), () => true, true)).toBe(
      "matches svc-*",
    );
    expect(scopeSkipReason(rules, account("room@contoso.com", { licensed: false }), () => true, true)).toBe(
      "no licence",
    );
    expect(scopeSkipReason(rules, account("old@contoso.com", { accountEnabled: false }), () => true, true)).toBe(
      "disabled when first seen",
    );
    expect(scopeSkipReason(rules, account("old@contoso.com", { accountEnabled: false }), () => true, false)).toBeNull();
    expect(scopeSkipReason(rules, account("new@contoso.com", { licensed: null }), () => true, true)).toBeNull();
    const groups = scope({ mode: "groups", groups: [{ id: "g", displayName: "Sales" }] });
    expect(scopeSkipReason(groups, account("ana@contoso.com"), () => false, true)).toBe("not in the chosen groups");
    expect(scopeSkipReason(groups, account("ana@contoso.com"), () => true, true)).toBeNull();
  });

  it("two scopes are the same whatever the order of their groups and patterns", () => {
    const a = scope({
      mode: "groups",
      groups: [
        { id: "1", displayName: "A" },
        { id: "2", displayName: "B" },
      ],
      skipPatterns: ["x*", "y*"],
    });
    const b = scope({
      mode: "groups",
      groups: [
        { id: "2", displayName: "B renamed" },
        { id: "1", displayName: "A" },
      ],
      skipPatterns: ["y*", "x*"],
    });
    expect(sameScope(a, b)).toBe(true);
    expect(sameScope(a, { ...b, skipUnlicensed: true })).toBe(false);
  });
});

describe("the Which users form", () => {
  const groupId = "6a1f3c2e-1b2c-4d5e-8f90-123456789abc";
  it("reads each ticked group, one pattern a line, and the boxes", () => {
    const parsed = usersScopeForm.parse({
      usersScopeMode: "groups",
      [`group:${groupId}`]: "Sales",
      skipUnlicensed: "on",
      skipPatterns: " svc-*\r\n\nnoreply@*\nsvc-*\n",
    });
    expect(parsed).toEqual({
      mode: "groups",
      groups: [{ id: groupId, displayName: "Sales" }],
      skipUnlicensed: true,
      skipPatterns: ["svc-*", "noreply@*"],
      skipDisabledOnFirstSight: false,
    });
  });

  it("refuses group scope without a group, and a pattern that would match everyone", () => {
    const noGroup = usersScopeForm.safeParse({ usersScopeMode: "groups" });
    expect(noGroup.error?.issues.map((issue) => issue.path.join("."))).toEqual(["groups"]);
    const everyone = usersScopeForm.safeParse({ usersScopeMode: "all_users", skipPatterns: "svc-*\n**" });
    expect(everyone.error?.issues[0]).toMatchObject({
      path: ["skipPatterns"],
      message: expect.stringContaining("would match every account"),
    });
  });
});

describe("taking over clients added by hand", () => {
  type Fields = { displayName: string; mail: string };
  const rules = (
    matches: Record<string, { recordId: string } | { count: number }>,
  ): PageRules<{ mail: string; displayName: string }, Fields> => ({
    noun: "user",
    fieldsFrom: (change) => ({ displayName: change.displayName, mail: change.mail }),
    isEnabled: () => true,
    skipReason: () => null,
    handMadeMatch: (fields) => matches[fields.mail] ?? null,
    toldFields: ["displayName", "mail"],
  });
  const none = new Map<string, KnownRecord<Fields>>();

  it("a new user with the address of one hand-made client takes it over; with two, it is skipped with the count", () => {
    const decision = decidePage(
      rules({ "ana@contoso.com": { recordId: "hand-1" }, "bo@contoso.com": { count: 2 } }),
      [
        { type: "upsert", item: { id: "u1", displayName: "Ana", mail: "ana@contoso.com" } },
        { type: "upsert", item: { id: "u2", displayName: "Bo", mail: "bo@contoso.com" } },
        { type: "upsert", item: { id: "u3", displayName: "Cy", mail: "cy@contoso.com" } },
      ],
      none,
    );
    expect(decision.adoptions).toEqual([
      { id: "hand-1", entraObjectId: "u1", status: "active", displayName: "Ana", mail: "ana@contoso.com" },
    ]);
    expect(decision.inserts.map((row) => row.entraObjectId)).toEqual(["u3"]);
    expect(decision.counts).toMatchObject({ matched: 1, created: 1, skipped: 1 });
    expect(decision.skippedReasons).toEqual({ "2 clients added by hand have this address": 1 });
    expect(decision.examples).toMatchObject({
      matched: ["Ana"],
      created: ["Cy"],
      "skipped: 2 clients added by hand have this address": ["Bo"],
    });
  });
});
