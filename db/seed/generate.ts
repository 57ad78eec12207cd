import { randomUUID } from "node:crypto";
import type { clients, devices } from "@/db/schema";
import { departments, deviceModels, givenNames, jobTitles, offices, surnames } from "./names";

type NewClient = typeof clients.$inferInsert;
type NewDevice = typeof devices.$inferInsert;

/** A small seeded generator, so the same command fills the same data. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  return { next, pick };
}

function asciiHandle(text: string) {
  const plain = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
  return plain || "user";
}

/** The connection demo rows come from, and the organization they belong to. */
type DemoConnection = { id: string; organizationId: string };

export function generateClient(
  index: number,
  connection: DemoConnection,
  random: ReturnType<typeof randomSource>,
): NewClient {
  const givenName = random.pick(givenNames);
  const surname = random.pick(surnames);
  const guest = random.next() < 0.05;
  const handle = `${asciiHandle(givenName)}.${asciiHandle(surname)}${index}`;
  const mail = guest ? `${handle}@partner.example` : `${handle}@contoso.example`;
  const status = random.next() < 0.04 ? "disabled" : random.next() < 0.02 ? "removed" : "active";
  const manual = random.next() < 0.02;
  return {
    organizationId: connection.organizationId,
    connectionId: manual ? null : connection.id,
    entraObjectId: manual ? null : randomUUID(),
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    mail: random.next() < 0.03 ? null : mail,
    userPrincipalName: guest ? `${handle}_partner.example#EXT#@contoso.onmicrosoft.com` : mail,
    userType: guest ? "Guest" : "Member",
    isExternal: guest,
    accountEnabled: status !== "disabled",
    jobTitle: random.pick(jobTitles),
    department: random.pick(departments),
    companyName: guest ? "Partner Ltd" : "Contoso",
    officeLocation: random.pick(offices),
    mobilePhone: `+44 7700 ${String(900000 + (index % 100000)).slice(-6)}`,
    businessPhones: random.next() < 0.5 ? [`+44 20 7946 ${String(index % 10000).padStart(4, "0")}`] : [],
    status,
    source: manual ? "manual" : "azure",
    lastSyncedAt: manual ? null : new Date(),
  };
}

export function generateDevice(
  index: number,
  connection: DemoConnection,
  ownerId: string | null,
  random: ReturnType<typeof randomSource>,
): NewDevice {
  const kind = random.pick(deviceModels);
  const prefix = kind.os === "Windows" ? "DESKTOP" : kind.os === "macOS" ? "MAC" : kind.os.toUpperCase();
  const registeredAt = new Date(Date.now() - random.next() * 3 * 365 * 86_400_000);
  return {
    organizationId: connection.organizationId,
    connectionId: connection.id,
    entraObjectId: randomUUID(),
    deviceId: randomUUID(),
    displayName: `${prefix}-${index.toString(36).toUpperCase().padStart(6, "0")}`,
    operatingSystem: kind.os,
    operatingSystemVersion: random.pick(kind.versions),
    trustType: kind.os === "Windows" ? random.pick(["AzureAd", "ServerAd"]) : "Workplace",
    isManaged: random.next() < 0.8,
    isCompliant: random.next() < 0.75,
    accountEnabled: true,
    lastSignInAt: new Date(registeredAt.getTime() + random.next() * (Date.now() - registeredAt.getTime())),
    registeredAt,
    manufacturer: kind.manufacturer,
    model: kind.model,
    ownerClientId: ownerId,
    status: random.next() < 0.03 ? "disabled" : "active",
    source: "azure",
    lastSyncedAt: new Date(),
  };
}
