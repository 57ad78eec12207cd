import Link from "next/link";
import { BackLink } from "@/app/_components/back-link";
import { notFound } from "next/navigation";
import { requireStaff } from "@/lib/session/current-staff";
import { getDevice } from "@/lib/devices/queries";
import { DetailList, yesNo, type Detail } from "@/app/_components/detail-list";
import { StatusBadge } from "@/app/_components/status-badge";
import { formatDateTime, listHref, returnToListHref } from "@/app/_components/list-controls";
import { historyPageOf, RecordHistory } from "@/app/_components/record-history";
import { StateLine } from "@/app/_components/state-line";
import { parseDeviceListQuery } from "@/lib/devices/list-query";
import { operatingSystemLabel } from "@/lib/devices/operating-systems";
import { sourceLabels } from "@/app/_components/source-badge";
import { SyncedFromEntra } from "@/app/_components/synced-from-entra";
import { listOrganizationChoices } from "@/lib/organizations/queries";
import { deviceAttention } from "@/lib/devices/attention-details";
import { AttentionPanel } from "./attention-panel";
import { IntuneDetails } from "./intune-details";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ list?: string; historyPage?: string }>;
};

export default async function DevicePage({ params, searchParams }: Props) {
  const actor = await requireStaff();
  const [found, organizations] = await Promise.all([
    getDevice(actor, (await params).id),
    listOrganizationChoices(actor),
  ]);
  if (!found) notFound();
  const { device, ownerName, organizationName } = found;
  // Named with two or more organizations; with one, the page looks as it did before organizations.
  const organization: Detail[] = organizations.length > 1 ? [["Organization", organizationName]] : [];
  const { list, historyPage } = await searchParams;
  const attention = await deviceAttention(actor, device);
  return (
    <>
      <BackLink href={returnToListHref("/devices", list, parseDeviceListQuery)}>Devices</BackLink>
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 text-2xl font-semibold wrap-anywhere">{device.displayName}</h1>
        <StatusBadge status={device.status} />
        <StateLine actor={actor} of={{ deviceId: device.id }} status={device.status} record="device" />
      </div>
      <SyncedFromEntra record={device} />
      <AttentionPanel reasons={attention} />
      <DetailList
        details={[
          ...organization,
          [
            "Owner",
            device.ownerClientId ? <Link href={`/clients/${device.ownerClientId}`}>{ownerName}</Link> : "No owner",
          ],
          ["Operating system", operatingSystemLabel(device.operatingSystem)],
          ["Version", device.operatingSystemVersion],
          ["Trust type", device.trustType],
          ["Managed", yesNo(device.isManaged)],
          ["Compliant", yesNo(device.isCompliant)],
          ["Enabled", yesNo(device.accountEnabled)],
          ["Last sign-in", formatDateTime(device.lastSignInAt)],
          ["Registered", formatDateTime(device.registeredAt)],
          ["Manufacturer", device.manufacturer],
          ["Model", device.model],
          ["Device id", device.deviceId],
          ["Source", sourceLabels[device.source]],
          ["Created", formatDateTime(device.createdAt)],
          ["Updated", formatDateTime(device.updatedAt)],
        ]}
      />
      <IntuneDetails actor={actor} device={device} />
      <RecordHistory
        actor={actor}
        of={{ deviceId: device.id }}
        record="device"
        page={historyPageOf(historyPage)}
        hrefFor={(page) => `${listHref(`/devices/${device.id}`, { list, historyPage: page })}#history`}
      />
    </>
  );
}
