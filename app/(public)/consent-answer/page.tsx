import { consentRefusalMessage } from "@/lib/consent";

export const metadata = { title: "Admin consent" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const outcomes: Record<string, { heading: string; text: string }> = {
  connected: {
    heading: "Thank you: consent received",
    text: "Your IT provider's Vertask can now read your organization's users and devices. You can close this page.",
  },
  not_working: {
    heading: "Consent received, but the connection does not work yet",
    text: "Your IT provider's Vertask tested the connection right after your consent and it failed; your IT provider sees why and will contact you.",
  },
  declined: {
    heading: "No consent given",
    text: "Nothing was recorded. If you meant to consent, open the link again, or ask your IT provider for a new one.",
  },
  awaiting_confirmation: {
    heading: "Thank you: consent received",
    text: "Your IT provider checks that it came from the right organization before Vertask connects to it. You can close this page.",
  },
};

/** What the customer's administrator sees after Microsoft's admin-consent page: nothing about the provider's other organizations. */
export default async function ConsentAnswerPage({ searchParams }: Props) {
  const params = await searchParams;
  const outcome =
    typeof params.outcome === "string" && Object.hasOwn(outcomes, params.outcome)
      ? outcomes[params.outcome]
      : undefined;
  const refusal = consentRefusalMessage(params.refusal);
  return (
    <>
      <h1 className="text-xl font-semibold">
        {outcome?.heading ?? (refusal ? "Consent not recorded" : "Admin consent")}
      </h1>
      <p className="mt-3 text-slate-700" data-testid="consent-answer">
        {outcome?.text ?? refusal ?? "This page shows the answer to an admin consent link."}
      </p>
    </>
  );
}
