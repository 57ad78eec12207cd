import { getPortalOverview } from "@/lib/portal/overview";
import { DetailList, yesNo } from "@/app/_components/detail-list";
import { clientContactDetails } from "@/app/_components/client-contact-details";
import { DataTable } from "@/app/_components/data-table";
import { cardsOnPhone } from "@/app/_components/cards-on-phone";
import { formatDateTime } from "@/app/_components/list-controls";
import { SignOutButton } from "@/app/_components/sign-out-button";
import { operatingSystemWithVersion } from "@/lib/devices/operating-systems";

export const metadata = { title: "Your details" };

export default async function PortalHomePage() {
  const { client, devices } = await getPortalOverview();
  return (
    <>
      <div className="mb-6 flex items-center justify-between gap-4">
        <h1 className="min-w-0 text-2xl font-semibold wrap-anywhere">{client.displayName}</h1>
        <SignOutButton
          callbackUrl="/portal/signin"
          className="shrink-0 rounded-md bg-slate-800 px-3 py-1.5 text-slate-300 hover:text-white"
        />
      </div>
      <h2 className="mb-3 text-lg font-semibold">Your details</h2>
      <DetailList details={clientContactDetails(client)} />
      <h2 className="mt-8 mb-3 text-lg font-semibold">Your devices</h2>
      {devices.length === 0 ? (
        <p className="text-sm text-slate-600">No devices are registered to you.</p>
      ) : (
        <DataTable className={cardsOnPhone} headers={["Device", "Operating system", "Compliant", "Last sign-in"]}>
          {devices.map((device) => (
            <tr key={device.id}>
              <td className="min-w-40 px-4 py-2 font-medium wrap-anywhere">{device.displayName}</td>
              <td className="px-4 py-2 text-slate-600">{operatingSystemWithVersion(device) ?? "—"}</td>
              <td className="px-4 py-2 text-slate-600">
                <span className="sm:hidden">Compliant: </span>
                {yesNo(device.isCompliant) ?? "—"}
              </td>
              <td className="px-4 py-2 text-slate-600">
                <span className="sm:hidden">Last sign-in: </span>
                {formatDateTime(device.lastSignInAt)}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
