// Control operations for signing users in without a browser, and for the keys id tokens are signed with.
// Part of the control API (control.ts); redirect URIs are set with setRedirectUris (multi-tenant-control.ts).
import type { SignInState } from "./sign-in-state";
import type { TenantDirectory } from "./tenant-directory";

export function createSignInControl(directory: TenantDirectory, signIn: SignInState) {
  return {
    /**
     * The next authorize request that may sign this user in (at their tenant, organizations or common) does so
     * at once, without the page: it redirects with a code, or with AADSTS50057 when the account is disabled.
     */
    signInAs: ({ tenantId, userId }: { tenantId?: string; userId: string }) => {
      const tenant = directory.require(tenantId);
      const user = typeof userId === "string" ? tenant.users.find(userId) : null;
      if (!user || user.state !== "active") throw new Error(`${tenant.displayName} has no user ${userId}`);
      signIn.preselect({ tenantId: tenant.tenantId, userId: user.value.id });
      return { tenantId: tenant.tenantId, userId: user.value.id, userPrincipalName: user.value.userPrincipalName };
    },
    /** The next authorize request shows the page again. */
    clearSignInAs: () => signIn.preselect(null),
    /** A new current key signs the tenant's id tokens (a new `kid`); the previous keys stay published. */
    rotateSigningKey: ({ tenantId }: { tenantId?: string } = {}) =>
      signIn.keys.rotate(directory.require(tenantId).tenantId),
  };
}
