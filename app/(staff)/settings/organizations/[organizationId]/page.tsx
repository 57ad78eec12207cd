import { getSyncSettings } from "@/lib/connections";
import { lastConsentAnswer, openConsentLink } from "@/lib/consent";
import { AzureSettingsTab } from "../../azure/settings-tab";
import { OrganizationForm } from "../organization-form";
import { ConsentPanel } from "./consent-panel";
import { PortalSignInSection } from "./portal-sign-in-section";
import { requireOrganization } from "./require-organization";
import { AttentionThresholdsForm } from "./attention-thresholds-form";

export const metadata = { title: "Organization" };

type Props = {
  params: Promise<{ organizationId: string }>;
  searchParams: Promise<{ consent?: string | string[] }>;
};

export default async function OrganizationPage({ params, searchParams }: Props) {
  const { actor, organization } = await requireOrganization(params);
  const { consent: returned } = await searchParams;
  const [settings, answer, openLink] = await Promise.all([
    getSyncSettings(actor, organization.id),
    lastConsentAnswer(actor, organization.id),
    openConsentLink(actor, organization.id),
  ]);
  const consent = settings.method === "provider_app" && (
    <div className="mb-8">
      <ConsentPanel
        organizationId={organization.id}
        primaryDomain={organization.primaryDomain}
        waiting={settings.readiness === "waiting_for_consent"}
        tenantId={settings.consentedTenantId}
        answer={answer}
        openLink={openLink}
        returned={typeof returned === "string" ? returned : undefined}
      />
    </div>
  );
  return (
    <div className="space-y-8">
      <AzureSettingsTab actor={actor} organizationId={organization.id} above={consent} />
      <section className="max-w-xl space-y-2" aria-labelledby="organization-heading">
        <h2 id="organization-heading" className="text-lg font-semibold">
          Name and domain
        </h2>
        <OrganizationForm organization={organization} />
      </section>
      <section className="max-w-xl space-y-2" aria-labelledby="attention-heading">
        <h2 id="attention-heading" className="text-lg font-semibold">
          Devices that need attention
        </h2>
        <p className="text-sm text-slate-600">
          When a device of this organization counts as stale. The other reasons (owner gone, not compliant, not managed,
          not encrypted, same serial twice) need no setting. Every sync works the reasons out again.
        </p>
        <AttentionThresholdsForm organization={organization} />
      </section>
      <PortalSignInSection actor={actor} organizationId={organization.id} />
    </div>
  );
}
