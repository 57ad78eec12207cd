import type { StaffBanner as StaffBannerContent } from "@/lib/alerts/queries";
import { AlertBanner } from "./alert-banner";
import { OrganizationsAttentionBanner } from "./organizations-attention-banner";
import { SecretExpiryBanner } from "./secret-expiry-banner";

/**
 * The warnings on every staff page, for superusers. With one organization they read as before organizations: its
 * credential's expiry and its open alerts, no name. With several, grouped by organization, each linking to its page.
 * The provider app's credential is warned about on its own either way.
 */
export function StaffBanner({ banner }: { banner: StaffBannerContent | null }) {
  if (!banner) return null;
  const providerApp = <SecretExpiryBanner expiry={banner.providerAppExpiry} providerApp linkToSettings />;
  if (banner.severalOrganizations) {
    return (
      <>
        {providerApp}
        <OrganizationsAttentionBanner organizations={banner.organizations} />
      </>
    );
  }
  const only = banner.organizations[0];
  return (
    <>
      <SecretExpiryBanner expiry={only?.expiry ?? null} linkToSettings />
      {providerApp}
      <AlertBanner alerts={only?.alerts ?? []} />
    </>
  );
}
