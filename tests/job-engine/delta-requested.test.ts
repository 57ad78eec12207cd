// The event that asks for a delta round of one connection and kind (issue 29): what it carries, checked before it leaves.
import { describe, expect, it } from "vitest";
import { deltaRequested } from "@/lib/job-engine/events";

const connectionId = "0b7c5a52-43f1-4d0e-9f43-6a0f0c1d2e3f";

describe("azure/delta.requested", () => {
  it("carries a connection, a kind and why it was asked for", async () => {
    const event = deltaRequested.create({ connectionId, kind: "users", reason: "notification" });
    expect(event.name).toBe("azure/delta.requested");
    await event.validate();
  });

  it("refuses a kind or a reason it does not know", async () => {
    const unknownKind = deltaRequested.create({ connectionId, kind: "groups" as "users", reason: "poll" });
    await expect(unknownKind.validate()).rejects.toThrow();
    const unknownReason = deltaRequested.create({ connectionId, kind: "devices", reason: "hourly" as "poll" });
    await expect(unknownReason.validate()).rejects.toThrow();
  });
});
