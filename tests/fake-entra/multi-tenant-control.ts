// Control operations for an IT provider's view of the fake: more tenants, admin consent without a browser,
// and the redirect URIs registered on an app. Part of the control API (control.ts).
import { customerTenants, type CustomerTenant, type CustomerTenantsRequest } from "./customer-tenants";
import { PROVIDER } from "./default-tenants";
import type { TenantDirectory } from "./tenant-directory";

/** `clientId` is the provider's multi-tenant app unless named. */
type ConsentArgs = { tenantId: string; clientId?: string };

export function createMultiTenantControl(directory: TenantDirectory) {
  const consentArgs = ({ tenantId, clientId = PROVIDER.multiTenantApp.clientId }: ConsentArgs) => {
    if (!tenantId) throw new Error("Name the tenant (tenantId) whose administrator consents");
    return { tenant: directory.require(tenantId), clientId };
  };
  const registrationOf = (clientId: string) => {
    const found = directory.registration(clientId);
    if (!found) throw new Error(`No app ${clientId}`);
    return found;
  };

  return {
    /** Every tenant the fake serves, in the order they were added. */
    tenants: () => directory.all.map(({ tenantId, domain, displayName }) => ({ tenantId, domain, displayName })),
    /** Customer tenants 1..count of `seed` (50 users and 20 devices each by default), each with an app of its own; none has consented to the provider's app. */
    addTenants: (request: CustomerTenantsRequest): CustomerTenant[] => {
      const made = customerTenants(request);
      const taken = made.find(({ options }) => directory.find(options.tenantId) || directory.find(options.domain));
      if (taken) throw new Error(`Tenant ${taken.summary.domain} exists already: add more tenants with another seed`);
      return made.map(({ options, summary }) => {
        directory.add(options);
        return summary;
      });
    },

    /** What Accept on the consent page does: the tenant's tokens for the app carry what it asks for. */
    grantAdminConsent: (args: ConsentArgs) => {
      const { tenant, clientId } = consentArgs(args);
      const granted = directory.grantConsent(tenant, clientId);
      if (!granted)
        throw new Error(
          `${tenant.displayName} cannot consent to ${clientId}: it is another tenant's single-tenant app, or none`,
        );
      return {
        tenantId: tenant.tenantId,
        clientId: granted.registration.clientId,
        grantedRoles: [...granted.grantedRoles],
      };
    },
    /** Elsewhere than its home tenant the app becomes unknown again (AADSTS700016); at home its tokens lose their roles. */
    revokeAdminConsent: (args: ConsentArgs) => {
      const { tenant, clientId } = consentArgs(args);
      directory.revokeConsent(tenant, clientId);
    },
    /** The tenants (ids) where the app works: its home tenant, and every tenant that consented to it. */
    consentedTenantIds: ({ clientId = PROVIDER.multiTenantApp.clientId }: { clientId?: string } = {}) =>
      directory.all
        .filter((tenant) => tenant.enterpriseApps.has(clientId.toLowerCase()) || tenant.app(clientId))
        .map((t) => t.tenantId),
    /** Replaces the app's registered redirect URIs (a browser test on another port registers its own). */
    setRedirectUris: ({
      clientId = PROVIDER.multiTenantApp.clientId,
      redirectUris,
    }: {
      clientId?: string;
      redirectUris: string[];
    }) => {
      if (!Array.isArray(redirectUris) || redirectUris.some((uri) => typeof uri !== "string"))
        throw new Error("redirectUris takes a list of URLs");
      const { app } = registrationOf(clientId);
      app.redirectUris = [...redirectUris];
      return [...app.redirectUris];
    },
    redirectUris: ({ clientId = PROVIDER.multiTenantApp.clientId }: { clientId?: string } = {}) => [
      ...(registrationOf(clientId).app.redirectUris ?? []),
    ],
  };
}
