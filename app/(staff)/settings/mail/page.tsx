import { requireSuperuser } from "@/lib/session/current-staff";
import { listDevMail } from "@/lib/mail/dev-mailbox";
import { formatDateTime } from "@/app/_components/list-controls";

export const metadata = { title: "Outgoing mail" };

export default async function DevMailPage() {
  const actor = await requireSuperuser();
  const mails = listDevMail(actor);
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Outgoing mail</h1>
      <p className="mb-6 text-sm text-slate-600">
        {process.env.SMTP_URL
          ? "Mail is sent through the SMTP server in SMTP_URL; nothing is kept here."
          : "No SMTP server is configured (SMTP_URL), so mail is kept in .data/mail and shown here instead of being sent."}
      </p>
      {mails.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-8 text-center text-slate-600">No mail yet.</p>
      ) : (
        <ol className="space-y-4">
          {mails.map((mail) => (
            <li key={mail.file} className="rounded-xl border border-slate-200 bg-white p-4 text-sm" data-testid="dev-mail">
              <p className="text-slate-500">{formatDateTime(mail.sentAt)} · to {mail.to}</p>
              <p className="font-medium">{mail.subject}</p>
              <pre className="mt-2 whitespace-pre-wrap font-sans text-slate-700">{mail.text}</pre>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
