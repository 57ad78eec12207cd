import Link from "next/link";
import { BackLink } from "@/app/_components/back-link";
import { notFound } from "next/navigation";
import { requireStaff } from "@/lib/session/current-staff";
import { getClient } from "@/lib/clients/queries";
import { clientFieldValues } from "@/lib/clients/client-fields";
import { DetailList, yesNo, type Detail } from "@/app/_components/detail-list";
import { clientContactDetails } from "@/app/_components/client-contact-details";
import { StatusBadge } from "@/app/_components/status-badge";
import { formatDateTime, listHref, returnToListHref } from "@/app/_components/list-controls";
import { historyPageOf, RecordHistory } from "@/app/_components/record-history";
import { StateLine } from "@/app/_components/state-line";
import { parseClientListQuery } from "@/lib/clients/list-query";
import { operatingSystemWithVersion } from "@/lib/devices/operating-systems";
import { SourceBadge } from "@/app/_components/source-badge";
import { SyncedFromEntra } from "@/app/_components/synced-from-entra";
import { listOrganizationChoices } from "@/lib/organizations/queries";
import { RefreshEvery } from "@/app/_components/refresh-every";
import { PortalAccess } from "./portal-access";
import { ClientNotesForm, EditClientForm } from "./edit-client-form";

type ClientDevice = NonNullable<Awaited<ReturnType<typeof getClient>>>["devices"][number];

/** The devices registered to the client, each leading to its own page. */
function ClientDevices({ devices }: { devices: ClientDevice[] }) {
  return devices.length === 0 ? (
    <p className="text-sm text-slate-600">No devices are registered to this client.</p>
  ) : (
    <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
      {devices.map((device) => (
        <li key={device.id} className="flex flex-wrap items-center justify-between gap-x-4 px-4 py-2 text-sm">
          <Link href={`/devices/${device.id}`} className="min-w-0 font-medium wrap-anywhere">
            {device.displayName}
          </Link>
          <span className="text-slate-600">
            {operatingSystemWithVersion(device) ?? "Unknown system"} · last sign-in{" "}
            {formatDateTime(device.lastSignInAt)} <StatusBadge status={device.status} />
          </span>
        </li>
      ))}
    </ul>
  );
}

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ added?: string; list?: string; historyPage?: string }>;
};

export default async function ClientPage({ params, searchParams }: Props) {
  const actor = await requireStaff();
  const [found, organizations] = await Promise.all([
    getClient(actor, (await params).id),
    listOrganizationChoices(actor),
  ]);
  if (!found) notFound();
  const { client, organizationName, syncsContinuously, devices } = found;
  const { added, list, historyPage } = await searchParams;
  // Named with two or more organizations; with one, the page looks as it did before organizations.
  const organization: Detail[] = organizations.length > 1 ? [["Organization", organizationName]] : [];
  const history: Detail[] = [
    ["Source", <SourceBadge key="source" source={client.source} />],
    ["Created", formatDateTime(client.createdAt)],
    ["Updated", formatDateTime(client.updatedAt)],
  ];
  return (
    <>
      {/* Its organization syncs continuously: Entra's changes to this client show without a reload. */}
      {syncsContinuously && client.source === "azure" && <RefreshEvery seconds={10} />}
      <BackLink href={returnToListHref("/clients", list, parseClientListQuery)}>Clients</BackLink>
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 text-2xl font-semibold wrap-anywhere">{client.displayName}</h1>
        <StatusBadge status={client.status} />
        <SourceBadge source={client.source} />
        {client.isExternal && <span className="rounded bg-sky-50 px-1.5 py-0.5 text-xs text-sky-800">External</span>}
        <StateLine actor={actor} of={{ clientId: client.id }} status={client.status} record="client" />
      </div>
      {added && (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {client.displayName} is added. Vertask keeps this client as you entered it: no sync changes it.
        </p>
      )}
      {client.source === "azure" ? (
        <>
          <SyncedFromEntra record={client} />
          <DetailList
            details={[
              ...organization,
              ["Given name", client.givenName],
              ["Surname", client.surname],
              ...clientContactDetails(client),
              ["User type", client.userType],
              ["External", yesNo(client.isExternal)],
              ["Account enabled", yesNo(client.accountEnabled)],
              ...history,
            ]}
          />
          <p className="mt-2 text-sm text-slate-600" data-testid="synced-explanation">
            These details are kept in step with Microsoft Entra ID: change them there, and the next sync brings them
            here. Notes are kept only by Vertask.
          </p>
          <ClientNotesForm clientId={client.id} notes={client.notes} />
        </>
      ) : (
        <div className="grid items-start gap-8 lg:grid-cols-[2fr_1fr]">
          <EditClientForm
            clientId={client.id}
            values={{ ...clientFieldValues(client), organizationId: client.organizationId }}
            organizations={organizations}
          />
          <DetailList narrow details={[...organization, ...history]} />
        </div>
      )}
      <PortalAccess actor={actor} client={client} />
      <h2 className="mt-8 mb-3 text-lg font-semibold">Devices</h2>
      <ClientDevices devices={devices} />
      <RecordHistory
        actor={actor}
        of={{ clientId: client.id }}
        record="client"
        page={historyPageOf(historyPage)}
        hrefFor={(page) => `${listHref(`/clients/${client.id}`, { list, historyPage: page })}#history`}
      />
    </>
  );
}
