import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaff } from "@/lib/session/current-staff";
import { getDevice } from "@/lib/devices/queries";
import { DetailList, yesNo } from "@/app/_components/detail-list";
import { StatusBadge } from "@/app/_components/status-badge";
import { formatDateTime, returnToListHref } from "@/app/_components/list-controls";
import { parseDeviceListQuery } from "@/lib/devices/list-query";
import { operatingSystemLabel } from "@/lib/devices/operating-systems";
import { sourceLabels } from "@/app/_components/source-badge";
import { SyncedFromEntra } from "@/app/_components/synced-from-entra";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ list?: string }> };

export default async function DevicePage({ params, searchParams }: Props) {
  const actor = await requireStaff();
  const found = await getDevice(actor, (await params).id);
  if (!found) notFound();
  const { device, ownerName } = found;
  const { list } = await searchParams;
  return (
    <>
      <p className="mb-2 text-sm"><Link href={returnToListHref("/devices", list, parseDeviceListQuery)}>← Devices</Link></p>
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 text-2xl font-semibold wrap-anywhere">{device.displayName}</h1>
        <StatusBadge status={device.status} />
      </div>
      <SyncedFromEntra record={device} />
      <DetailList
        details={[
          ["Owner", device.ownerClientId ? <Link href={`/clients/${device.ownerClientId}`}>{ownerName}</Link> : "No owner"],
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
    </>
  );
}
