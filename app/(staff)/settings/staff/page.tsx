import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { cardsOnPhone } from "@/app/_components/cards-on-phone";
import { requireSuperuser } from "@/lib/session/current-staff";
import { listStaff } from "@/lib/staff/queries";
import { formatDateTime } from "@/app/_components/list-controls";
import { AddStaffForm } from "./add-staff-form";
import { RemoveStaffButton } from "./remove-staff-button";

export const metadata = { title: "Staff" };

export default async function StaffPage() {
  const actor = await requireSuperuser();
  const staff = await listStaff(actor);
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Staff</h1>
      <div className="grid items-start gap-8 lg:grid-cols-[2fr_1fr]">
        <DataTable
          className={`self-start ${cardsOnPhone}`}
          headers={[
            "Name",
            "Email",
            "Role",
            "Added",
            <span key="actions" className="sr-only">
              Actions
            </span>,
          ]}
        >
          {staff.map((member) => (
            <tr key={member.id}>
              <td className="min-w-32 px-4 py-2 font-medium wrap-anywhere">
                {member.name}
                {/* Linked at their first sign-in with Microsoft; made with npm run create-superuser: the way back in. */}
                {member.microsoftLinked && (
                  <span className="block text-xs font-normal text-slate-600">Linked with Microsoft</span>
                )}
                {member.createdFromCommandLine && (
                  <span className="block text-xs font-normal text-slate-600">Made on the server</span>
                )}
              </td>
              <td className="min-w-32 px-4 py-2 wrap-anywhere text-slate-600">{member.email}</td>
              <td className="px-4 py-2">{member.role === "superuser" ? "Superuser" : "Technician"}</td>
              <td className="px-4 py-2 whitespace-nowrap text-slate-600">{formatDateTime(member.createdAt)}</td>
              <td className="px-4 py-2 text-right max-sm:text-left">
                {member.id === actor.id ? (
                  <Link href="/account" className="text-sm">
                    Your account
                  </Link>
                ) : (
                  <div className="flex items-start gap-4 sm:justify-end">
                    <Link
                      href={`/settings/staff/${member.id}`}
                      className="text-sm"
                      aria-label={`Change role or password of ${member.name}`}
                    >
                      Role and password
                    </Link>
                    <RemoveStaffButton staffId={member.id} name={member.name} />
                  </div>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
        <AddStaffForm />
      </div>
    </>
  );
}
