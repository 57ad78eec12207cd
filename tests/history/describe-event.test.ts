import { describe, expect, it } from "vitest";
import { recordEventKind, type RecordEventKind } from "@/db/schema";
import {
  changesInWords,
  describeChanges,
  describeEvent,
  runChangeWords,
  stateSince,
} from "@/lib/history/describe-event";

const at = new Date("2026-12-07T00:51:12Z");
const usersSync = { kind: "users" as const, startedAt: new Date("2026-12-07T00:50:03Z"), queuedAt: at };
const event = (kind: RecordEventKind, more: Partial<Parameters<typeof describeEvent>[1]> = {}) => ({
  kind,
  at,
  reason: null,
  changes: null,
  staffName: null,
  ...more,
});

describe("an event in words", () => {
  it("every kind of event has its own words, for a client and for a device", () => {
    for (const record of ["client", "device"] as const) {
      const words = recordEventKind.enumValues.map((kind) => describeEvent(record, event(kind), null).what);
      expect(new Set(words).size).toBe(recordEventKind.enumValues.length);
    }
    expect(describeEvent("client", event("matched"), null).what).toBe("Taken over from a client added by hand");
    expect(describeEvent("device", event("owner_changed"), null).what).toBe("Owner changed");
  });

  it("a removal says why and names the run that made it, with the time the run started", () => {
    const told = describeEvent("client", event("removed", { reason: "left the sync scope (no licence)" }), usersSync);
    expect(told).toMatchObject({
      what: "Removed",
      reason: "left the sync scope (no licence)",
      by: { run: "the users sync at 00:50 UTC", staff: null },
    });
    expect(stateSince(event("removed"), "client")).toBe("Removed on 7 Dec 2026");
  });

  it("a run that started the day before names its day", () => {
    const lateRun = { ...usersSync, startedAt: new Date("2026-12-06T23:58:00Z") };
    expect(describeEvent("client", event("disabled"), lateRun).by.run).toBe(
      "the users sync at 6 Dec 2026 at 23:58 UTC",
    );
  });

  it("a held removal applied anyway names both the run and who applied it; a hand edit names its staff member", () => {
    expect(describeEvent("client", event("removed", { staffName: "Sam Admin" }), usersSync).by).toEqual({
      run: "the users sync at 00:50 UTC",
      staff: "Sam Admin",
    });
    expect(describeEvent("client", event("edited_by_hand", { staffName: "Ada Tech" }), null).by).toEqual({
      run: null,
      staff: "Ada Tech",
    });
  });

  it("each changed field by the label its page shows, old value → new, yes/no and dates in words", () => {
    const changes = describeChanges(
      "client",
      [
        { field: "jobTitle", from: "Engineer", to: "Lead engineer" },
        { field: "mobilePhone", from: null, to: "+44 20 7946 0000" },
        { field: "licensed", from: "true", to: "false" },
      ],
      new Map(),
    );
    expect(changes).toEqual([
      { label: "Job title", from: "Engineer", to: "Lead engineer" },
      { label: "Mobile phone", from: "none", to: "+44 20 7946 0000" },
      { label: "Licensed", from: "Yes", to: "No" },
    ]);
    expect(
      describeChanges("device", [{ field: "registeredAt", from: null, to: "2026-12-01T09:30:00.000Z" }], new Map()),
    ).toEqual([{ label: "Registered", from: "none", to: "1 Dec 2026 at 09:30 UTC" }]);
    expect(changesInWords(changes)).toBe(
      "Job title: Engineer → Lead engineer; Mobile phone: none → +44 20 7946 0000; Licensed: Yes → No",
    );
  });

  it("never shows a note's text, only that Notes changed", () => {
    const changes = describeChanges("client", [{ field: "notes", from: "old secret", to: "new secret" }], new Map());
    expect(changes).toEqual([{ label: "Notes", hidden: true }]);
    expect(changesInWords(changes)).toBe("Notes changed");
  });

  it("a device's owner is named by the client synced with that id, else as an account Vertask has not synced", () => {
    const owners = new Map([["owner-a", "Ann Lee"]]);
    expect(
      describeChanges("device", [{ field: "ownerEntraObjectId", from: "owner-b", to: "owner-a" }], owners),
    ).toEqual([{ label: "Owner", from: "an account Vertask has not synced", to: "Ann Lee" }]);
    expect(describeChanges("device", [{ field: "ownerEntraObjectId", from: "owner-a", to: null }], owners)).toEqual([
      { label: "Owner", from: "Ann Lee", to: "no owner" },
    ]);
  });

  it("what a run holds back for review is said as what it would do", () => {
    expect(runChangeWords("held_removed", "client")).toBe("Would be removed (held back for review)");
    expect(runChangeWords("held_disabled", "device")).toBe("Would be disabled (held back for review)");
    expect(runChangeWords("created", "client")).toBe("Created from Microsoft Entra");
  });
});
