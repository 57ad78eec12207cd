// Intune's managed devices of one fake tenant, computed from (seed, index) like the directory's objects.
// Modelled from Microsoft's "managedDevice resource type" (learn.microsoft.com/graph/api/resources/intune-devices-manageddevice):
// Intune keeps its own record of each enrolled device, with the Entra device's `deviceId` as `azureADDeviceId`
// (the zero GUID when the device has no Entra registration), the hardware serial number, the compliance state
// (unknown, compliant, noncompliant, conflict, error, inGracePeriod, configManager), lastSyncDateTime (the
// device's last check-in), enrolledDateTime, managedDeviceOwnerType (unknown, company, personal),
// managementAgent (mdm, easMdm, configurationManagerClientMdm, …), isEncrypted and the primary user
// (userPrincipalName, userDisplayName). Intune's operatingSystem says "macOS" where Entra says "MacMDM".
import type { FakeDevice, FakeUser } from "./generated-objects";
import { daysBefore } from "./generated-objects";
import { deterministicGuid, mix, randomSequence } from "./ids";
import type { ObjectCollection } from "./object-collection";

export type FakeManagedDevice = {
  id: string;
  deviceName: string;
  azureADDeviceId: string;
  serialNumber: string;
  manufacturer: string | null;
  model: string | null;
  operatingSystem: string;
  osVersion: string;
  complianceState: "unknown" | "compliant" | "noncompliant" | "inGracePeriod";
  lastSyncDateTime: string;
  enrolledDateTime: string;
  managedDeviceOwnerType: "unknown" | "company" | "personal";
  managementAgent: string;
  isEncrypted: boolean;
  userId: string | null;
  userPrincipalName: string | null;
  userDisplayName: string | null;
};

export type ManagedDeviceProperties = Partial<Omit<FakeManagedDevice, "id">>;

export const MANAGED_DEVICE_PROPERTIES = [
  "id",
  "deviceName",
  "azureADDeviceId",
  "serialNumber",
  "manufacturer",
  "model",
  "operatingSystem",
  "osVersion",
  "complianceState",
  "lastSyncDateTime",
  "enrolledDateTime",
  "managedDeviceOwnerType",
  "managementAgent",
  "isEncrypted",
  "userId",
  "userPrincipalName",
  "userDisplayName",
];

/** What Intune writes for a device without an Entra registration. */
export const NO_ENTRA_DEVICE = "00000000-0000-0000-0000-000000000000";

/** Intune's name for each platform Entra names (Linux is not enrolled here). */
const INTUNE_OS: Record<string, string> = { Windows: "Windows", MacMDM: "macOS", iOS: "iOS", Android: "Android" };

/** A managed device's place: the Entra device it belongs to, or the n-th device only Intune has. */
type Position = { kind: "entra"; index: number } | { kind: "intuneOnly"; index: number };
const keyOf = (p: Position) => `${p.kind}:${p.index}`;

type Random = () => number;
const serialCharacters = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
const serial = (random: Random, prefix: string, length: number) =>
  prefix + Array.from({ length }, () => serialCharacters[Math.floor(random() * serialCharacters.length)]).join("");

function serialFor(os: string, random: Random) {
  if (os === "macOS" || os === "iOS") return serial(random, "C02", 9);
  if (os === "Android") return serial(random, "R5C", 8);
  return serial(random, "", 10);
}

function compliance(random: Random): FakeManagedDevice["complianceState"] {
  const roll = random();
  return roll < 0.8 ? "compliant" : roll < 0.9 ? "noncompliant" : roll < 0.95 ? "inGracePeriod" : "unknown";
}

/**
 * Every tenant's managed devices: most Windows, macOS, iOS and Android devices of its directory (about one in
 * ten is not enrolled), a few devices only Intune has (one per 40 directory devices), one serial number that
 * two records share (as a re-enrolled or mis-keyed device gives). A record follows its Entra device's name
 * and platform, and is listed while that device is (the fake does not keep an orphaned Intune record).
 */
export class ManagedDevices {
  private readonly changes = new Map<string, ManagedDeviceProperties | null>();
  private readonly enrolled = new Set<string>();
  private intuneOnlyEnd: number;
  private duplicate: { from: number; to: number } | null | undefined;

  constructor(
    private readonly tenantHash: number,
    private readonly generatedDevices: number,
    private readonly devices: ObjectCollection<FakeDevice>,
    private readonly users: ObjectCollection<FakeUser>,
    private readonly ownerIdsOf: (deviceIndex: number) => string[],
  ) {
    this.intuneOnlyEnd = Math.floor(generatedDevices / 40);
  }

  /** Every position a listing walks, in order: the directory's devices, then those only Intune has. */
  get end() {
    return this.devices.end + this.intuneOnlyEnd;
  }

  positionAt(at: number): Position {
    return at < this.devices.end ? { kind: "entra", index: at } : { kind: "intuneOnly", index: at - this.devices.end };
  }

  /** The managed device at a listing position, or null when there is none. */
  at(at: number): FakeManagedDevice | null {
    const position = this.positionAt(at);
    const changes = this.changes.get(keyOf(position));
    if (changes === null) return null;
    const generated = position.kind === "entra" ? this.ofEntraDevice(position.index) : this.intuneOnly(position.index);
    return generated && { ...generated, ...changes };
  }

  find(id: string): { at: number; value: FakeManagedDevice } | null {
    for (let at = 0; at < this.end; at++) {
      const value = this.at(at);
      if (value?.id === id) return { at, value };
    }
    return null;
  }

  /** The managed device of an Entra device (its object id), if Intune has one. */
  ofDevice(deviceObjectId: string) {
    const index = this.devices.indexOf(deviceObjectId);
    return index === null ? null : this.at(index);
  }

  update(id: string, changes: ManagedDeviceProperties) {
    const found = this.find(id);
    if (!found) throw new Error(`No managed device ${id}`);
    const key = keyOf(this.positionAt(found.at));
    this.changes.set(key, { ...this.changes.get(key), ...changes });
    return this.at(found.at)!;
  }

  /** Retired or deleted from Intune: no longer listed. */
  remove(id: string) {
    const found = this.find(id);
    if (!found) throw new Error(`No managed device ${id}`);
    this.changes.set(keyOf(this.positionAt(found.at)), null);
  }

  /** Enrols an Entra device (by object id) that Intune did not know, e.g. one added since. */
  enroll(deviceObjectId: string, changes: ManagedDeviceProperties = {}) {
    const index = this.devices.indexOf(deviceObjectId);
    if (index === null) throw new Error(`No device ${deviceObjectId}`);
    const key = keyOf({ kind: "entra", index });
    this.enrolled.add(key);
    this.changes.set(key, { ...changes });
    return this.at(index)!;
  }

  /** A device only Intune has (no Entra registration). */
  addIntuneOnly(changes: ManagedDeviceProperties = {}) {
    const index = this.intuneOnlyEnd++;
    this.changes.set(keyOf({ kind: "intuneOnly", index }), { ...changes });
    return this.at(this.devices.end + index)!;
  }

  private ofEntraDevice(index: number): FakeManagedDevice | null {
    const stored = this.devices.at(index);
    const os = INTUNE_OS[stored.value.operatingSystem];
    if (stored.state !== "active" || !os) return null;
    const random = randomSequence(mix(this.tenantHash ^ 0x1a7e, index));
    const isEnrolled = index < this.generatedDevices ? random() < 0.9 : false;
    if (!isEnrolled && !this.enrolled.has(keyOf({ kind: "entra", index }))) return null;
    const device = stored.value;
    const ownerId = this.ownerIdsOf(index)[0] ?? null;
    const owner = ownerId ? this.users.find(ownerId)?.value : undefined;
    const computer = os === "Windows" || os === "macOS";
    return {
      id: deterministicGuid(this.tenantHash, "managedDevice", index),
      deviceName: device.displayName,
      azureADDeviceId: device.deviceId,
      serialNumber: this.duplicateSerialFor(index) ?? serialFor(os, random),
      manufacturer: device.manufacturer,
      model: device.model,
      operatingSystem: os,
      osVersion: device.operatingSystemVersion,
      complianceState: compliance(random),
      lastSyncDateTime: daysBefore(random, 45),
      enrolledDateTime: device.registrationDateTime,
      managedDeviceOwnerType: random() < (computer ? 0.9 : 0.5) ? "company" : "personal",
      managementAgent: os === "Windows" && random() < 0.2 ? "configurationManagerClientMdm" : "mdm",
      isEncrypted: random() < 0.9,
      userId: owner ? ownerId : null,
      userPrincipalName: owner?.userPrincipalName ?? null,
      userDisplayName: owner?.displayName ?? null,
    };
  }

  private intuneOnly(index: number): FakeManagedDevice | null {
    if (index >= this.intuneOnlyEnd) return null;
    const random = randomSequence(mix(this.tenantHash ^ 0x0171e, index));
    const os = ["Windows", "macOS", "iOS", "Android"][Math.floor(random() * 4)];
    const [manufacturer, model] = {
      Windows: ["Dell Inc.", "OptiPlex 7010"],
      macOS: ["Apple", "Mac mini"],
      iOS: ["Apple", "iPhone 13"],
      Android: ["samsung", "SM-A546B"],
    }[os]!;
    const user =
      this.users.end > 0 ? this.users.at(Math.floor(random() * this.users.end)) : { state: "gone", value: null };
    const person = user.state === "active" ? user.value : null;
    return {
      id: deterministicGuid(this.tenantHash, "intuneOnlyDevice", index),
      deviceName: `${os === "Windows" ? "KIOSK" : model.replace(/\s+/g, "")}-${serial(random, "", 4)}`,
      azureADDeviceId: NO_ENTRA_DEVICE,
      serialNumber: index === 0 ? (this.firstSerial() ?? serialFor(os, random)) : serialFor(os, random),
      manufacturer,
      model,
      operatingSystem: os,
      osVersion: { Windows: "10.0.19045.5011", macOS: "14.5", iOS: "17.5.1", Android: "14" }[os]!,
      complianceState: compliance(random),
      lastSyncDateTime: daysBefore(random, 45),
      enrolledDateTime: daysBefore(random, 900),
      managedDeviceOwnerType: os === "Windows" ? "company" : "personal",
      managementAgent: "mdm",
      isEncrypted: random() < 0.7,
      userId: person?.id ?? null,
      userPrincipalName: person?.userPrincipalName ?? null,
      userDisplayName: person?.displayName ?? null,
    };
  }

  /**
   * One serial number twice: the first device only Intune has repeats the first enrolled device's serial; a tenant
   * with none repeats it on its second enrolled device.
   */
  private duplicateSerialFor(index: number): string | null {
    if (this.duplicate === undefined) {
      const enrolled: number[] = [];
      for (let i = 0; i < this.generatedDevices && enrolled.length < 2; i++) {
        const stored = this.devices.at(i);
        if (!INTUNE_OS[stored.value.operatingSystem]) continue;
        if (randomSequence(mix(this.tenantHash ^ 0x1a7e, i))() < 0.9) enrolled.push(i);
      }
      this.duplicate =
        enrolled.length === 2 && this.intuneOnlyEnd === 0 ? { from: enrolled[0], to: enrolled[1] } : null;
    }
    if (this.duplicate?.to !== index) return null;
    return this.ofEntraDevice(this.duplicate.from)?.serialNumber ?? null;
  }

  private firstSerial(): string | null {
    for (let i = 0; i < this.devices.end; i++) {
      const found = this.ofEntraDevice(i);
      if (found) return found.serialNumber;
    }
    return null;
  }
}
