import { requireStaff } from "@/lib/session/current-staff";
import { DetailList } from "@/app/_components/detail-list";
import { ChangePasswordForm } from "./change-password-form";

export const metadata = { title: "Your account" };

/** For every staff member, technicians too: who they are signed in as, and their password. */
export default async function AccountPage() {
  const staff = await requireStaff();
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Your account</h1>
      <div className="mb-8">
        <DetailList
          details={[
            ["Name", staff.name],
            ["Email", staff.email],
            ["Role", staff.role === "superuser" ? "Superuser" : "Technician"],
          ]}
        />
      </div>
      <ChangePasswordForm />
    </>
  );
}
