// Every tenant the fake serves, found by id or domain, and the apps each one knows: its own registrations,
// and the multi-tenant apps of other tenants that an administrator there consented to.
import { FakeTenant, type FakeApp, type FakeTenantOptions } from "./fake-tenant";
import type { DirectoryChange } from "./subscriptions";

/** What a token for an app in a tenant is made from: whose credentials are checked, which roles it carries. */
export type AppInTenant = { registration: FakeApp; home: FakeTenant; grantedRoles: string[] };

const keyOf = (text: string) => decodeURIComponent(text).trim().toLowerCase();

export class TenantDirectory {
  private readonly tenants: FakeTenant[] = [];
  private readonly byKey = new Map<string, FakeTenant>();
  /** Each app registration's home tenant, by client id. */
  private readonly homes = new Map<string, FakeTenant>();
  /** Told of every change in any tenant (the server hands it to the subscriptions). */
  onChange: (change: DirectoryChange) => void = () => {};

  constructor(options: FakeTenantOptions[] = []) {
    for (const tenant of options) this.add(tenant);
  }

  add(options: FakeTenantOptions): FakeTenant {
    const tenant = new FakeTenant(options);
    tenant.onChange = (change) => this.onChange(change);
    for (const key of [tenant.tenantId, tenant.domain]) {
      if (this.byKey.has(key)) throw new Error(`A fake tenant ${key} already exists`);
    }
    for (const clientId of tenant.apps.keys()) {
      if (this.homes.has(clientId))
        throw new Error(`An app ${clientId} is already registered in ${this.homes.get(clientId)!.displayName}`);
    }
    this.tenants.push(tenant);
    this.byKey.set(tenant.tenantId, tenant).set(tenant.domain, tenant);
    for (const clientId of tenant.apps.keys()) this.homes.set(clientId, tenant);
    return tenant;
  }

  get all(): readonly FakeTenant[] {
    return this.tenants;
  }

  /** By tenant id or domain, any case; null when the fake has no such tenant. */
  find(key: string): FakeTenant | null {
    return this.byKey.get(keyOf(key)) ?? null;
  }

  /** The tenant named, or the first one (Contoso by default). */
  require(key?: string): FakeTenant {
    const found = key ? this.find(key) : this.tenants[0];
    if (!found) throw new Error(`No fake tenant ${key}`);
    return found;
  }

  /** The app registration with this client id, in whichever tenant holds it. */
  registration(clientId: string): { app: FakeApp; home: FakeTenant } | null {
    const home = this.homes.get(keyOf(clientId));
    const app = home?.app(clientId);
    return home && app ? { app, home } : null;
  }

  /** The app as `tenant` knows it: its own registration, or a consented multi-tenant app; null is AADSTS700016. */
  appIn(tenant: FakeTenant, clientId: string): AppInTenant | null {
    const own = tenant.app(clientId);
    if (own) return { registration: own, home: tenant, grantedRoles: own.grantedRoles };
    const consented = tenant.enterpriseApps.get(keyOf(clientId));
    const found = consented ? this.registration(clientId) : null;
    return found?.app.multiTenant
      ? { registration: found.app, home: found.home, grantedRoles: consented!.grantedRoles }
      : null;
  }

  /** Whether an administrator of `tenant` may consent to the app: its own, or a multi-tenant one. */
  mayConsent(tenant: FakeTenant, clientId: string) {
    const found = this.registration(clientId);
    return !!found && (found.home === tenant || !!found.app.multiTenant);
  }

  /** An administrator of `tenant` grants what the app asks for ("Grant admin consent"); null when they cannot. */
  grantConsent(tenant: FakeTenant, clientId: string): AppInTenant | null {
    if (!this.mayConsent(tenant, clientId)) return null;
    const { app, home } = this.registration(clientId)!;
    if (home === tenant) app.grantedRoles = [...app.requestedRoles];
    else tenant.enterpriseApps.set(app.clientId.toLowerCase(), { grantedRoles: [...app.requestedRoles] });
    return this.appIn(tenant, clientId);
  }

  /**
   * Takes the consent back. In the app's home tenant the registration stays and its tokens lose their roles;
   * elsewhere the enterprise application goes, so the tenant no longer knows the app at all.
   */
  revokeConsent(tenant: FakeTenant, clientId: string) {
    const own = tenant.app(clientId);
    if (own) own.grantedRoles = [];
    else if (!tenant.enterpriseApps.delete(keyOf(clientId)))
      throw new Error(`${tenant.displayName} has not consented to an app ${clientId}`);
  }
}
