import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaff } from "@/lib/session/current-staff";
import { getClient } from "@/lib/clients/queries";
import { DetailList, yesNo } from "@/app/_components/detail-list";
import { clientContactDetails } from "@/app/_components/client-contact-details";
import { StatusBadge } from "@/app/_components/status-badge";
import { formatDateTime } from "@/app/_components/list-controls";
import { PortalAccess } from "./portal-access";

export default async function ClientPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireStaff();
  const found = await getClient(actor, (await params).id);
  if (!found) notFound();
  const { client, devices } = found;
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/clients">← Clients</Link></p>
      <div className="mb-6 flex items-center gap-3">
        <h1 className="text-2xl font-semibold">{client.displayName}</h1>
        <StatusBadge status={client.status} />
        {client.isExternal && <span className="rounded bg-sky-50 px-1.5 py-0.5 text-xs text-sky-800">External</span>}
      </div>
      {client.source === "azure" && (
        <p className="mb-4 text-sm text-slate-600">
          Synced from Microsoft Entra · object id <code className="text-xs">{client.entraObjectId}</code> · last sync{" "}
          {formatDateTime(client.lastSyncedAt)}
        </p>
      )}
      <DetailList
        details={[
          ["Given name", client.givenName],
          ["Surname", client.surname],
          ...clientContactDetails(client),
          ["User type", client.userType],
          ["External", yesNo(client.isExternal)],
          ["Account enabled", yesNo(client.accountEnabled)],
          ["Source", client.source === "azure" ? "Microsoft Entra" : "Added by hand"],
          ["Created", formatDateTime(client.createdAt)],
          ["Updated", formatDateTime(client.updatedAt)],
        ]}
      />
      <PortalAccess actor={actor} client={client} />
      <h2 className="mt-8 mb-3 text-lg font-semibold">Devices</h2>
      {devices.length === 0 ? (
        <p className="text-sm text-slate-600">No devices are registered to this client.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
          {devices.map((device) => (
            <li key={device.id} className="flex items-center justify-between px-4 py-2 text-sm">
              <Link href={`/devices/${device.id}`} className="font-medium">{device.displayName}</Link>
              <span className="text-slate-600">
                {[device.operatingSystem, device.operatingSystemVersion].filter(Boolean).join(" ")} · last sign-in{" "}
                {formatDateTime(device.lastSignInAt)} <StatusBadge status={device.status} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
