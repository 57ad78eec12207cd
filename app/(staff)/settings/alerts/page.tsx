import { requireSuperuser } from "@/lib/session/current-staff";
import { getAlertEmailsChoice } from "@/lib/alerts/preferences";
import { AlertEmailsForm } from "./alert-emails-form";

export const metadata = { title: "Your alerts" };

export default async function YourAlertsPage() {
  const actor = await requireSuperuser();
  const alertEmails = await getAlertEmailsChoice(actor);
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Your alerts</h1>
      <p className="mb-6 max-w-2xl text-sm text-slate-600">
        Superusers get one mail when a sync fails or stops for review, when the client secret is about to expire, when
        Test connection would fail, or when scheduled syncs stall, and one more when it is resolved. Open problems also
        show at the top of every page until they clear. This choice is yours alone: other superusers keep their own.
      </p>
      <p className="mb-4 text-sm" data-testid="alert-emails-state">
        Alert mail to {actor.email} is <strong>{alertEmails ? "on" : "off"}</strong>.
      </p>
      <AlertEmailsForm alertEmails={alertEmails} />
    </>
  );
}
