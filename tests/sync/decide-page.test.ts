import { describe, expect, it } from "vitest";
import { decidedAlongside, decidePage, type KnownRecord, type PageRules } from "@/lib/sync/decide-page";

type Fields = { displayName: string; enabled: boolean };
const rules: PageRules<{ displayName?: string; enabled?: boolean }, Fields> = {
  noun: "user",
  fieldsFrom: (change, kept) => ({
    displayName: change.displayName ?? kept?.displayName ?? "?",
    enabled: change.enabled ?? kept?.enabled ?? true,
  }),
  isEnabled: (fields) => fields.enabled,
  skipReason: () => null,
  toldFields: ["displayName"],
};
const known = new Map<string, KnownRecord<Fields>>([
  ["a", { id: "row-a", entraObjectId: "a", status: "active", displayName: "Ana", enabled: true }],
]);

describe("deciding one page", () => {
  it("holds a removal as pending, and a later appearance of the same object settles it", () => {
    const removal = decidePage(rules, [{ type: "removed", id: "a", reason: "changed" }], known);
    expect(removal.pending).toEqual([
      { entraObjectId: "a", toStatus: "removed", reason: "deleted in Microsoft Entra (restorable for 30 days)" },
    ]);
    expect(removal.settledObjectIds).toEqual([]);
    const back = decidePage(rules, [{ type: "upsert", item: { id: "a", displayName: "Ana" } }], known);
    expect(back.pending).toEqual([]);
    expect(back.settledObjectIds).toEqual(["a"]);
    expect(back.counts.unchanged).toBe(1);
  });

  it("within one page, the object's last appearance wins", () => {
    const decision = decidePage(
      rules,
      [
        { type: "upsert", item: { id: "a", enabled: false } },
        { type: "upsert", item: { id: "a", enabled: true } },
      ],
      known,
    );
    expect(decision.pending).toEqual([]);
    expect(decision.counts).toMatchObject({ unchanged: 1, updated: 0 });
  });

  it("a page decided beside the write of the page before holds unless that page had one of its objects", () => {
    const before = decidePage(rules, [{ type: "upsert", item: { id: "a", displayName: "Ana B." } }], known);
    const removedBefore = decidePage(rules, [{ type: "removed", id: "a", reason: "deleted" }], known);
    const withB = { changes: [{ type: "upsert" as const, item: { id: "b" } }] };
    const withA = { changes: [{ type: "removed" as const, id: "a", reason: "deleted" as const }] };
    expect(decidedAlongside(before, withB)).toBe(true);
    expect(decidedAlongside(before, withA)).toBe(false);
    expect(decidedAlongside(removedBefore, { changes: [{ type: "upsert" as const, item: { id: "a" } }] })).toBe(false);
  });
});
