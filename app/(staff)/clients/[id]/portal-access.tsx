import type { Actor } from "@/lib/auth/authorize";
import type { Client } from "@/db/schema";
import { portalStatusOf } from "@/lib/portal/staff-commands";
import { formatDateTime } from "@/app/_components/list-controls";
import { PortalActionButton } from "./portal-action-button";

/** The client's portal status, and for superusers the ways to change it. */
export async function PortalAccess({ actor, client }: { actor: Actor; client: Client }) {
  const { account, lastInvitation } = await portalStatusOf(actor, client.id);
  const status = !account
    ? "Not invited"
    : account.status === "active"
      ? `Active since ${formatDateTime(account.activatedAt)}`
      : account.status === "revoked"
        ? `Revoked on ${formatDateTime(account.revokedAt)}`
        : lastInvitation?.sentAt
          ? `Invited on ${formatDateTime(lastInvitation.sentAt)}`
          : "Invitation waiting to be sent";
  return (
    <section className="mt-8 rounded-xl border border-slate-200 bg-white p-6" aria-label="Client portal">
      <h2 className="text-lg font-semibold">Client portal</h2>
      <p className="mt-1 text-sm" data-testid="portal-status">{status}</p>
      {!client.mail && <p className="mt-1 text-sm text-amber-800">No email address in Entra: this client cannot be invited.</p>}
      {actor.role === "superuser" && (
        <div className="mt-4 flex gap-6">
          {client.mail && client.status === "active" && account?.status !== "active" && (
            <PortalActionButton clientId={client.id} kind="resend" label={account ? "Resend invitation" : "Send invitation"} />
          )}
          {account && account.status !== "revoked" && <PortalActionButton clientId={client.id} kind="revoke" label="Revoke access" />}
        </div>
      )}
    </section>
  );
}
