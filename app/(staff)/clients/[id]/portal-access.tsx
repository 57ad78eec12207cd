import type { Actor } from "@/lib/auth/authorize";
import type { Client } from "@/db/schema";
import { portalStatusOf } from "@/lib/portal/staff-commands";
import { formatDateTime } from "@/app/_components/list-controls";
import { PortalActionButton } from "./portal-action-button";

type Status = Awaited<ReturnType<typeof portalStatusOf>>;

function portalStatusText(client: Client, account: Status["account"], invitation: Status["lastInvitation"]) {
  if (!account) return "Not invited";
  if (account.status === "revoked") return `Revoked on ${formatDateTime(account.revokedAt)}`;
  if (client.status !== "active") return `No access while the client is ${client.status} in Microsoft Entra`;
  if (account.status === "active") return `Active since ${formatDateTime(account.activatedAt)}`;
  if (invitation?.sendError) return `Invitation not delivered: ${invitation.sendError}`;
  if (!invitation?.sentAt) return invitation?.closed ? "Invitation withdrawn" : "Invitation waiting to be sent";
  if (invitation.expiresAt <= new Date())
    return `Invited on ${formatDateTime(invitation.sentAt)}; the link has expired`;
  return `Invited on ${formatDateTime(invitation.sentAt)}`;
}

/** The client's portal status, and for superusers the ways to change it. */
export async function PortalAccess({ actor, client }: { actor: Actor; client: Client }) {
  const { account, lastInvitation } = await portalStatusOf(actor, client.id);
  const status = portalStatusText(client, account, lastInvitation);
  return (
    <section className="mt-8 rounded-xl border border-slate-200 bg-white p-6" aria-label="Client portal">
      <h2 className="text-lg font-semibold">Client portal</h2>
      <p className="mt-1 text-sm" data-testid="portal-status">
        {status}
      </p>
      {client.source === "azure" && account && (
        <p className="mt-1 text-sm" data-testid="portal-microsoft-sign-in">
          {account.microsoftSignedInAt
            ? `Last signed in with Microsoft on ${formatDateTime(account.microsoftSignedInAt)}`
            : "Has not signed in with Microsoft"}
        </p>
      )}
      {!client.mail && (
        <p className="mt-1 text-sm text-amber-800">
          No email address{client.source === "azure" ? " in Entra" : ""}: this client cannot be invited.
        </p>
      )}
      {actor.role === "superuser" && (
        <div className="mt-4 flex flex-wrap gap-x-6 gap-y-3">
          {client.mail && client.status === "active" && account?.status !== "active" && (
            <PortalActionButton
              clientId={client.id}
              kind="resend"
              label={account ? "Resend invitation" : "Send invitation"}
            />
          )}
          {account && account.status !== "revoked" && (
            <PortalActionButton clientId={client.id} kind="revoke" label="Revoke access" />
          )}
        </div>
      )}
    </section>
  );
}
