// What tests (in process) and people or browser tests (POST /_control/{operation}, JSON body) may do to
// the fake between syncs. Every operation takes one object; `tenantId` (an id or a domain) picks a tenant
// (the first, Contoso, by default).
import type { DeviceProperties, UserProperties } from "./fake-tenant";
import type { ManagedDeviceProperties } from "./managed-devices";
import type { FaultInjector, FaultRequest, Latency, Throttle } from "./faults";
import { createMultiTenantControl } from "./multi-tenant-control";
import { createSignInControl } from "./sign-in-control";
import type { SignInState } from "./sign-in-state";
import { createSubscriptionControl } from "./subscription-control";
import type { FakeSubscriptions } from "./subscriptions";
import type { TenantDirectory } from "./tenant-directory";

type InTenant = { tenantId?: string };
type ById = InTenant & { id: string };

export function createControl(
  directory: TenantDirectory,
  faults: FaultInjector,
  signIn: SignInState,
  subscriptions: FakeSubscriptions,
) {
  const tenantFor = (tenantId?: string) => directory.require(tenantId);
  /** A tenant id or domain as the faults know tenants: the tenant's id. */
  const tenantIdOf = (tenantId?: string) => (tenantId ? directory.require(tenantId).tenantId : undefined);
  const users = (args: InTenant) => tenantFor(args.tenantId).users;
  const devices = (args: InTenant) => tenantFor(args.tenantId).devices;
  const memberships = (args: InTenant) => tenantFor(args.tenantId).memberships;
  const groups = ({ tenantId }: InTenant = {}) => {
    const all = tenantFor(tenantId).groups;
    const active = Array.from({ length: all.end }, (_, index) => all.at(index)).filter(
      (stored) => stored.state === "active",
    );
    return active.map(({ value }) => ({ id: value.id, displayName: value.displayName }));
  };
  return {
    addUser: ({ tenantId, ...properties }: InTenant & UserProperties) => tenantFor(tenantId).addUser(properties),
    updateUser: ({ id, changes, ...args }: ById & { changes: UserProperties }) => users(args).update(id, changes),
    disableUser: ({ id, ...args }: ById) => users(args).update(id, { accountEnabled: false }),
    enableUser: ({ id, ...args }: ById) => users(args).update(id, { accountEnabled: true }),
    /** To the deleted items, restorable for 30 days: delta reports `@removed: { reason: "changed" }`. */
    softDeleteUser: ({ id, ...args }: ById) => users(args).setState(id, "soft-deleted"),
    /** Gone for good: delta reports `@removed: { reason: "deleted" }`. */
    hardDeleteUser: ({ id, ...args }: ById) => users(args).setState(id, "hard-deleted"),
    restoreUser: ({ id, ...args }: ById) => users(args).setState(id, "active"),
    /** Licensed gets Microsoft 365 E3 unless `skuIds` says otherwise; the change shows in the next users delta. */
    setUserLicensed: ({ id, licensed, skuIds, tenantId }: ById & { licensed: boolean; skuIds?: string[] }) =>
      tenantFor(tenantId).setUserLicensed(id, licensed, skuIds),

    addDevice: ({ tenantId, ...properties }: InTenant & DeviceProperties) => tenantFor(tenantId).addDevice(properties),
    updateDevice: ({ id, changes, ...args }: ById & { changes: DeviceProperties }) => devices(args).update(id, changes),
    disableDevice: ({ id, ...args }: ById) => devices(args).update(id, { accountEnabled: false }),
    softDeleteDevice: ({ id, ...args }: ById) => devices(args).setState(id, "soft-deleted"),
    hardDeleteDevice: ({ id, ...args }: ById) => devices(args).setState(id, "hard-deleted"),
    restoreDevice: ({ id, ...args }: ById) => devices(args).setState(id, "active"),
    setDeviceOwners: ({ deviceId, ownerIds, tenantId }: InTenant & { deviceId: string; ownerIds: string[] }) =>
      tenantFor(tenantId).setDeviceOwners(deviceId, ownerIds),

    /** Intune's record of an Entra device (its object id), or null when Intune does not manage it. */
    managedDeviceOf: ({ deviceId, tenantId }: InTenant & { deviceId: string }) =>
      tenantFor(tenantId).managedDevices.ofDevice(deviceId),
    /** Every managed device the tenant's Intune lists, in listing order. */
    managedDevices: ({ tenantId }: InTenant = {}) => {
      const managed = tenantFor(tenantId).managedDevices;
      return Array.from({ length: managed.end }, (_, at) => managed.at(at)).filter((device) => device !== null);
    },
    updateManagedDevice: ({ id, changes, ...args }: ById & { changes: ManagedDeviceProperties }) =>
      tenantFor(args.tenantId).managedDevices.update(id, changes),
    /** Retired or deleted in Intune: no longer listed. */
    removeManagedDevice: ({ id, ...args }: ById) => tenantFor(args.tenantId).managedDevices.remove(id),
    /** Intune starts managing an Entra device (its object id). */
    enrollDevice: ({
      deviceId,
      changes,
      tenantId,
    }: InTenant & { deviceId: string; changes?: ManagedDeviceProperties }) =>
      tenantFor(tenantId).managedDevices.enroll(deviceId, changes),
    /** A device only Intune has: no Entra registration (azureADDeviceId is the zero GUID). */
    addIntuneOnlyDevice: ({ tenantId, ...changes }: InTenant & ManagedDeviceProperties) =>
      tenantFor(tenantId).managedDevices.addIntuneOnly(changes),

    /** Every group: id and displayName. */
    groups,
    /** The group with that displayName (any case), e.g. "Engineering". */
    groupByName: ({ name, ...args }: InTenant & { name: string }) => {
      const group = groups(args).find((g) => g.displayName.toLowerCase() === name.toLowerCase());
      if (!group) throw new Error(`No group named ${name}`);
      return group;
    },
    createGroup: ({
      displayName,
      memberIds,
      description,
      tenantId,
    }: InTenant & { displayName: string; memberIds?: string[]; description?: string }) =>
      tenantFor(tenantId).createGroup(displayName, memberIds, description),
    /** A user or a group (nesting it) becomes a direct member. */
    addGroupMember: ({ groupId, memberId, ...args }: InTenant & { groupId: string; memberId: string }) => {
      memberships(args).add(groupId, memberId);
      tenantFor(args.tenantId).changed("group", groupId, "updated");
    },
    removeGroupMember: ({ groupId, memberId, ...args }: InTenant & { groupId: string; memberId: string }) => {
      memberships(args).remove(groupId, memberId);
      tenantFor(args.tenantId).changed("group", groupId, "updated");
    },
    /** The users of the group and of every group nested in it, each once. */
    transitiveUserIds: ({ groupId, ...args }: InTenant & { groupId: string }) =>
      memberships(args).transitiveUserIds(groupId),

    userIdAt: ({ index, tenantId }: InTenant & { index: number }) => tenantFor(tenantId).userIdAt(index),
    /** The service-looking accounts (svc-backup@…, noreply@…, room-boardroom@…); none under 50 users. */
    serviceAccounts: ({ tenantId }: InTenant = {}) => tenantFor(tenantId).serviceAccounts(),
    deviceIdAt: ({ index, tenantId }: InTenant & { index: number }) => tenantFor(tenantId).deviceIdAt(index),
    getUser: ({ id, ...args }: ById) => users(args).find(id),
    getDevice: ({ id, ...args }: ById) => devices(args).find(id),
    deviceOwnerIds: ({ id, tenantId }: ById) => {
      const tenant = tenantFor(tenantId);
      const index = tenant.devices.indexOf(id);
      return index === null ? [] : tenant.ownerIdsOf(index);
    },

    /** Delta links issued so far stop working: 400 syncStateNotFound, or 410 Gone with a Location. */
    expireDeltaTokens: ({ answer, tenantId }: InTenant & { answer?: 400 | 410 }) =>
      tenantFor(tenantId).expireDeltaTokens(answer),
    allowDevicesSyncFromNow: ({ allowed, tenantId }: InTenant & { allowed: boolean }) => {
      tenantFor(tenantId).devicesSyncFromNow = allowed;
    },
    setAppPermissions: ({ clientId, roles, tenantId }: InTenant & { clientId: string; roles: string[] }) => {
      const app = tenantFor(tenantId).app(clientId);
      if (!app) throw new Error(`No app ${clientId}`);
      app.requestedRoles = [...roles];
      app.grantedRoles = [...roles];
    },
    expireAppSecrets: ({ clientId, tenantId }: InTenant & { clientId: string }) => {
      const app = tenantFor(tenantId).app(clientId);
      if (!app) throw new Error(`No app ${clientId}`);
      for (const secret of app.secrets) secret.expiresAt = new Date(Date.now() - 1000);
    },

    ...createMultiTenantControl(directory),
    ...createSignInControl(directory, signIn),
    ...createSubscriptionControl(directory, subscriptions),

    /** `tenantId` keeps the faults to that tenant's requests (token requests to it, Graph requests with its tokens). */
    failNextRequests: (request: FaultRequest) =>
      faults.failNextRequests({ ...request, tenantId: tenantIdOf(request.tenantId) }),
    /** With `tenantId`, that tenant's latency instead of the one for every tenant. */
    setLatency: (latency: Latency) => faults.setLatency({ ...latency, tenantId: tenantIdOf(latency.tenantId) }),
    /**
     * Graph answers 429 with Retry-After (the rest of the window) past `limit` requests per window, counted per tenant and app
     * as Graph counts; `tenantId` throttles that tenant only. null turns every throttle off.
     */
    setThrottle: (throttle: Throttle | null) =>
      faults.setThrottle(throttle && { ...throttle, tenantId: tenantIdOf(throttle.tenantId) }),
    /** The report of the throttle for every tenant, or of the one for `tenantId`. */
    throttleReport: ({ tenantId }: InTenant = {}) => faults.throttleReport(tenantIdOf(tenantId)),
    clearFaults: () => faults.clear(),
    requestCounts: () => ({ ...faults.counts }),
    recentRequests: () => [...faults.recentRequests],
    resetRequestCounts: () => faults.resetCounts(),
  };
}

export type FakeEntraControl = ReturnType<typeof createControl>;
export type ControlOperation = keyof FakeEntraControl;
