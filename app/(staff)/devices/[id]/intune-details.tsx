import Link from "next/link";
import type { Device } from "@/db/schema";
import type { Actor } from "@/lib/auth/authorize";
import { DetailList, yesNo } from "@/app/_components/detail-list";
import { formatDateTime } from "@/app/_components/list-controls";
import { complianceLabel, managementAgentLabel, ownershipLabel, primaryUserOf } from "@/lib/devices/intune-details";
import { operatingSystemLabel } from "@/lib/devices/operating-systems";

/**
 * What Intune says of a device, read by the devices sync from Intune's managed devices (when the app may read
 * them): the serial number a technician has in hand, compliance, the last check-in, whose device it is.
 */
export async function IntuneDetails({ actor, device }: { actor: Actor; device: Device }) {
  if (!device.intuneDeviceId) {
    return (
      <section aria-labelledby="intune-heading" className="mt-6">
        <h2 id="intune-heading" className="mb-2 text-lg font-semibold">
          Intune
        </h2>
        <p className="text-sm text-slate-600">
          Intune does not manage this device, or Vertask may not read Intune (Test connection tells which).
        </p>
      </section>
    );
  }
  const primaryUser = await primaryUserOf(actor, device.primaryUserClientId);
  const userName = device.primaryUserDisplayName ?? device.primaryUserPrincipalName;
  return (
    <section aria-labelledby="intune-heading" className="mt-6" data-testid="intune-details">
      <h2 id="intune-heading" className="mb-2 text-lg font-semibold">
        Intune
      </h2>
      <DetailList
        details={[
          ["Serial number", device.serialNumber],
          ["Managed device id", device.intuneDeviceId],
          ["Manufacturer", device.manufacturer],
          ["Model", device.model],
          [
            "OS version",
            [operatingSystemLabel(device.operatingSystem), device.operatingSystemVersion].filter(Boolean).join(" "),
          ],
          ["Compliance", complianceLabel(device.complianceState)],
          ["Last Intune check-in", formatDateTime(device.intuneLastSyncAt)],
          ["Enrolled on", formatDateTime(device.enrolledAt)],
          ["Ownership", ownershipLabel(device.ownership)],
          ["Management agent", managementAgentLabel(device.managementAgent)],
          ["Encrypted", yesNo(device.isEncrypted)],
          [
            "Primary user",
            primaryUser ? (
              <Link href={`/clients/${primaryUser.id}`}>{primaryUser.displayName}</Link>
            ) : (
              userName && `${userName} (not a synced client)`
            ),
          ],
        ]}
      />
    </section>
  );
}
