import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaff } from "@/lib/session/current-staff";
import { getDevice } from "@/lib/devices/queries";
import { DetailList, yesNo } from "@/app/_components/detail-list";
import { StatusBadge } from "@/app/_components/status-badge";
import { formatDateTime } from "@/app/_components/list-controls";
import { sourceLabels } from "@/app/_components/source-badge";
import { SyncedFromEntra } from "@/app/_components/synced-from-entra";

export default async function DevicePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireStaff();
  const found = await getDevice(actor, (await params).id);
  if (!found) notFound();
  const { device, ownerName } = found;
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/devices">← Devices</Link></p>
      <div className="mb-6 flex items-center gap-3">
        <h1 className="text-2xl font-semibold">{device.displayName}</h1>
        <StatusBadge status={device.status} />
      </div>
      <SyncedFromEntra record={device} />
      <DetailList
        details={[
          ["Owner", device.ownerClientId ? <Link href={`/clients/${device.ownerClientId}`}>{ownerName}</Link> : "No owner"],
          ["Operating system", device.operatingSystem],
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
