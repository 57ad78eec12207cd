import { requireSuperuser } from "@/lib/session/current-staff";
import { notFound } from "next/navigation";
import { devMailboxShown, listDevMail } from "@/lib/mail/dev-mailbox";
import { firstValues } from "@/lib/lists/search-params";
import { formatDateTime } from "@/app/_components/list-controls";
import { Pagination } from "@/app/_components/pagination";
import { LinkedText } from "./linked-text";

export const metadata = { title: "Outgoing mail" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DevMailPage({ searchParams }: Props) {
  const actor = await requireSuperuser();
  if (!devMailboxShown()) notFound();
  const { total, page, mails } = listDevMail(actor, Number(firstValues(await searchParams).page ?? 1));
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Outgoing mail</h1>
      <p className="mb-6 text-sm text-slate-600">
        {process.env.SMTP_URL
          ? "Mail is sent through the SMTP server in SMTP_URL; nothing new is kept here."
          : "No SMTP server is configured (SMTP_URL), so mail is kept in .data/mail and shown here instead of being sent."}
        {total > 0 && (
          <>
            {" "}
            <strong data-testid="mail-count">
              {total.toLocaleString("en")} {total === 1 ? "message" : "messages"}
            </strong>{" "}
            kept{process.env.SMTP_URL ? " from before" : ""}, newest first.
          </>
        )}
      </p>
      {mails.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-8 text-center text-slate-600">No mail yet.</p>
      ) : (
        <>
          <ol className="space-y-4">
            {mails.map((mail) => (
              <li
                key={mail.file}
                className="rounded-xl border border-slate-200 bg-white p-4 text-sm"
                data-testid="dev-mail"
              >
                <p className="text-slate-500">
                  {formatDateTime(mail.sentAt)} · to {mail.to}
                </p>
                <p className="font-medium">{mail.subject}</p>
                <p className="mt-2 whitespace-pre-wrap break-words text-slate-700">
                  <LinkedText text={mail.text ?? ""} />
                </p>
              </li>
            ))}
          </ol>
          <Pagination
            page={page}
            total={{ count: total, precision: "exact" }}
            shown={mails.length}
            noun={total === 1 ? "message" : "messages"}
            hrefFor={(p) => `/settings/mail?page=${p}`}
          />
        </>
      )}
    </>
  );
}
