// One fake Entra tenant: its app registrations, its users, devices and groups, and what tests may change in it.
import {
  generateDevice,
  generatedOwnerIndexes,
  generateUser,
  tenantShape,
  type FakeDevice,
  type FakeUser,
  type TenantShape,
} from "./generated-objects";
import { GroupMemberships } from "./group-memberships";
import { GENERATED_GROUP_COUNT, generateGroup, groupProperties, type FakeGroup } from "./groups";
import { hashText, objectId } from "./ids";
import { licences, SKU_IDS } from "./licences";
import { ManagedDevices } from "./managed-devices";
import { ObjectCollection, type ObjectState, type SequenceClock } from "./object-collection";
import type { DirectoryChange } from "./subscriptions";
import type { ObjectKind } from "./ids";

export type FakeSecret = { id: string; value: string; expiresAt: Date };
export type FakeCertificateCredential = { thumbprintSha256: string; publicKeyPem: string };

export type FakeApp = {
  clientId: string;
  displayName: string;
  /** Permissions added under "API permissions" (the guide's "API permissions" step). */
  requestedRoles: string[];
  /** Permissions an administrator consented to (the guide's "Grant admin consent" step): what tokens carry in `roles`. */
  grantedRoles: string[];
  secrets: FakeSecret[];
  certificates: FakeCertificateCredential[];
  /** "Accounts in any organizational directory": administrators of other tenants may consent to it. */
  multiTenant?: boolean;
  /** Web redirect URIs the admin-consent endpoint may send a browser back to; matched exactly. */
  redirectUris?: string[];
};

/** Another tenant's multi-tenant app as this tenant knows it after an administrator's consent (its "enterprise application"). */
export type EnterpriseApp = { grantedRoles: string[] };

export type FakeTenantOptions = {
  tenantId: string;
  domain: string;
  displayName: string;
  seed: string;
  users: number;
  devices: number;
  apps: FakeApp[];
};

export type UserProperties = Partial<Omit<FakeUser, "id">>;
export type DeviceProperties = Partial<Omit<FakeDevice, "id">>;

export class FakeTenant {
  readonly tenantId: string;
  readonly domain: string;
  readonly displayName: string;
  readonly apps = new Map<string, FakeApp>();
  /** Other tenants' multi-tenant apps consented to here, by client id; their credentials stay on the home registration. */
  readonly enterpriseApps = new Map<string, EnterpriseApp>();
  readonly users: ObjectCollection<FakeUser>;
  readonly devices: ObjectCollection<FakeDevice>;
  readonly groups: ObjectCollection<FakeGroup>;
  readonly memberships: GroupMemberships;
  /** Intune's records of the devices it manages (managed-devices.ts). */
  readonly managedDevices: ManagedDevices;
  /** Delta tokens from an earlier epoch are expired. */
  deltaEpoch = 0;
  expiredDeltaAnswer: 400 | 410 = 400;
  /**
   * Microsoft documents "sync from now" (`$deltatoken=latest`) for Entra ID resources such as users and groups;
   * a tenant that refuses it for devices shows the sync's way around (a delta round).
   */
  devicesSyncFromNow = true;
  /** Told of every change to a user, device or group (the tenant directory sends it on to the subscriptions). */
  onChange: (change: DirectoryChange) => void = () => {};
  private sequence = 0;
  private readonly ownerOverrides = new Map<number, string[]>();
  private readonly shape: TenantShape;

  constructor(options: FakeTenantOptions) {
    this.tenantId = options.tenantId.toLowerCase();
    this.domain = options.domain.toLowerCase();
    this.displayName = options.displayName;
    for (const app of options.apps) this.apps.set(app.clientId.toLowerCase(), structuredClone(app));
    const tenantHash = hashText(`${options.seed}/${this.tenantId}`);
    this.shape = tenantShape({
      tenantHash,
      domain: this.domain,
      companyName: options.displayName,
      userCount: options.users,
      deviceCount: options.devices,
    });
    const clock: SequenceClock = { tick: () => ++this.sequence, current: () => this.sequence };
    const changed = (kind: ObjectKind) => (id: string, state: ObjectState) =>
      this.changed(kind, id, state === "hard-deleted" ? "deleted" : "updated");
    this.users = new ObjectCollection(
      "user",
      tenantHash,
      options.users,
      (i) => generateUser(this.shape, i),
      clock,
      changed("user"),
    );
    this.devices = new ObjectCollection(
      "device",
      tenantHash,
      options.devices,
      (i) => generateDevice(this.shape, i),
      clock,
      changed("device"),
    );
    this.groups = new ObjectCollection(
      "group",
      tenantHash,
      GENERATED_GROUP_COUNT,
      (i) => generateGroup(this.shape, i),
      clock,
      changed("group"),
    );
    this.memberships = new GroupMemberships(this.shape, this.users, this.groups);
    this.managedDevices = new ManagedDevices(tenantHash, options.devices, this.devices, this.users, (index) =>
      this.ownerIdsOf(index),
    );
  }

  /**
   * Users and groups support change notifications on `updated` (created, changed, soft-deleted, restored) and
   * `deleted` (permanently deleted): "subscription resource type", changeType.
   */
  changed(kind: ObjectKind, id: string, changeType: DirectoryChange["changeType"]) {
    this.onChange({ tenantId: this.tenantId, kind, id, changeType });
  }

  get currentSequence() {
    return this.sequence;
  }

  app(clientId: string) {
    return this.apps.get(clientId.trim().toLowerCase()) ?? null;
  }

  userIdAt(index: number) {
    return objectId(this.shape.tenantHash, "user", index);
  }

  deviceIdAt(index: number) {
    return objectId(this.shape.tenantHash, "device", index);
  }

  /** The generated service accounts (svc-backup@…, room-boardroom@…, …), in index order. */
  serviceAccounts(): { index: number; id: string; userPrincipalName: string }[] {
    return [...this.shape.serviceAccounts.keys()]
      .sort((a, b) => a - b)
      .map((index) => ({
        index,
        id: this.userIdAt(index),
        userPrincipalName: generateUser(this.shape, index).userPrincipalName,
      }));
  }

  /** A new user with generated properties, overridden by `properties` (a new user at index `end`). */
  addUser(properties: UserProperties = {}): FakeUser {
    const { id: _ignored, ...template } = generateUser(this.shape, this.users.end);
    return this.users.add({ ...template, ...properties });
  }

  addDevice(properties: DeviceProperties = {}): FakeDevice {
    const { id: _ignored, ...template } = generateDevice(this.shape, this.devices.end);
    return this.devices.add({ ...template, ...properties });
  }

  /** A new security group, with these users and groups as direct members. */
  createGroup(displayName: string, memberIds: string[] = [], description: string | null = null): FakeGroup {
    const group = this.groups.add(
      groupProperties({ displayName, description }, this.domain, new Date().toISOString().replace(/\.\d+Z$/, "Z")),
    );
    for (const memberId of memberIds) this.memberships.add(group.id, memberId);
    return group;
  }

  /** A licence change is a change of `assignedLicenses`, so the user appears in the next users delta. */
  setUserLicensed(id: string, licensed: boolean, skuIds: string[] = [SKU_IDS.microsoft365E3]): FakeUser {
    return this.users.update(id, { assignedLicenses: licensed ? licences(...skuIds) : [] });
  }

  /** Registered owners that still exist: deleted users drop out, as in Entra. */
  ownerIdsOf(deviceIndex: number): string[] {
    const ids =
      this.ownerOverrides.get(deviceIndex) ??
      generatedOwnerIndexes(this.shape, deviceIndex).map((i) => this.userIdAt(i));
    return ids.filter((id) => this.users.find(id)?.state === "active");
  }

  /** Owners are a relationship: changing them does not make the device appear in a devices delta. */
  setDeviceOwners(deviceId: string, ownerIds: string[]) {
    const index = this.devices.indexOf(deviceId);
    if (index === null) throw new Error(`No device with id ${deviceId}`);
    this.ownerOverrides.set(index, [...ownerIds]);
  }

  expireDeltaTokens(answer: 400 | 410 = 400) {
    this.deltaEpoch++;
    this.expiredDeltaAnswer = answer;
  }
}
