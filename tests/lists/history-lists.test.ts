import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, db } from "@/db/client";
import { auditEvents, syncRuns } from "@/db/schema";
import { listSyncRuns } from "@/lib/sync-runs/queries";
import { runListQuery } from "@/lib/sync-runs/list-query";
import { countAuditEvents, listAuditEvents } from "@/lib/audit/queries";
import { auditListQuery } from "@/lib/audit/list-query";
import { CONTOSO } from "@/tests/fake-entra/default-tenants";
import { createActor, resetDatabase } from "../support/database";
import { connectOrganization } from "../support/organizations";
import type { Actor } from "@/lib/auth/authorize";

let admin: Actor;
let organization: string;

beforeAll(async () => {
  await resetDatabase();
  admin = await createActor("superuser");
  const { organizationId, connection } = await connectOrganization("Contoso", CONTOSO);
  organization = organizationId;
  const run = (kind: "users" | "devices", status: "succeeded" | "failed" | "needs_review", hour: number) => ({
    connectionId: connection.id,
    kind,
    trigger: "manual" as const,
    status,
    queuedAt: new Date(Date.UTC(2026, 11, 1, hour)),
  });
  await db
    .insert(syncRuns)
    .values([run("users", "succeeded", 1), run("devices", "failed", 2), run("users", "needs_review", 3)]);
  const event = (actorName: string, summary: string, hour: number) => ({
    actorName,
    action: "test.event",
    summary,
    at: new Date(Date.UTC(2026, 11, 1, hour)),
  });
  await db
    .insert(auditEvents)
    .values([
      event("Zara Zed", "Added Ann as a technician", 1),
      event("Abe Able", "Revoked portal access of Ben", 2),
      event("Abe Able", "Changed 100% of nothing", 3),
    ]);
});
afterAll(closeDatabase);

const runs = async (input: Record<string, unknown>) =>
  (await listSyncRuns(admin, organization, 100, runListQuery.parse(input))).map((run) => `${run.kind} ${run.status}`);
const events = async (input: Record<string, unknown>) =>
  (await listAuditEvents(admin, 200, auditListQuery.parse(input))).map((event) => event.summary);

describe("the run history", () => {
  it("lists the latest run first, or oldest first, by kind or by status", async () => {
    expect(await runs({})).toEqual(["users needs_review", "devices failed", "users succeeded"]);
    expect(await runs({ dir: "asc" })).toEqual(["users succeeded", "devices failed", "users needs_review"]);
    expect(await runs({ sort: "kind" })).toEqual(["users needs_review", "users succeeded", "devices failed"]);
    expect(await runs({ sort: "status", dir: "desc" })).toEqual([
      "users needs_review",
      "devices failed",
      "users succeeded",
    ]);
  });

  it("filters by kind and by status", async () => {
    expect(await runs({ kind: "users" })).toEqual(["users needs_review", "users succeeded"]);
    expect(await runs({ status: "failed" })).toEqual(["devices failed"]);
    expect(await runs({ kind: "devices", status: "succeeded" })).toEqual([]);
  });
});

describe("the audit log", () => {
  it("lists the latest event first, or by the person who acted", async () => {
    expect(await events({})).toEqual([
      "Changed 100% of nothing",
      "Revoked portal access of Ben",
      "Added Ann as a technician",
    ]);
    expect(await events({ sort: "actor" })).toEqual([
      "Changed 100% of nothing",
      "Revoked portal access of Ben",
      "Added Ann as a technician",
    ]);
    expect(await events({ sort: "actor", dir: "desc" })).toEqual([
      "Added Ann as a technician",
      "Changed 100% of nothing",
      "Revoked portal access of Ben",
    ]);
  });

  it("searches what happened and who did it, % as a plain character, and counts the matches", async () => {
    expect(await events({ q: "zara" })).toEqual(["Added Ann as a technician"]);
    expect(await events({ q: "PORTAL" })).toEqual(["Revoked portal access of Ben"]);
    expect(await events({ q: "100%" })).toEqual(["Changed 100% of nothing"]);
    expect(await events({ q: "0% of" })).toEqual(["Changed 100% of nothing"]);
    expect(await countAuditEvents(admin, auditListQuery.parse({ q: "abe" }))).toEqual({ count: 2, precision: "exact" });
  });

  it("is for superusers only", async () => {
    const technician = await createActor("technician");
    await expect(listAuditEvents(technician, 200, auditListQuery.parse({}))).rejects.toThrow("Only a superuser");
    await expect(listSyncRuns(technician, organization, 100, runListQuery.parse({}))).rejects.toThrow(
      "Only a superuser",
    );
  });
});
