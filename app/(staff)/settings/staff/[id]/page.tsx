import { BackLink } from "@/app/_components/back-link";
import { notFound } from "next/navigation";
import { requireSuperuser } from "@/lib/session/current-staff";
import { isUuid } from "@/db/is-uuid";
import { findStaffMember } from "@/lib/staff/queries";
import { ChangeRoleForm } from "../change-role-form";
import { ResetPasswordForm } from "../reset-password-form";

export const metadata = { title: "Staff member" };

/** A superuser changes another staff member's role or password; their own are under Your account. */
export default async function StaffMemberPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireSuperuser();
  const { id } = await params;
  const member = isUuid(id) ? await findStaffMember(actor, id) : undefined;
  if (!member || member.id === actor.id) notFound();
  return (
    <>
      <BackLink href="/settings/staff">Staff</BackLink>
      <h1 className="text-2xl font-semibold wrap-anywhere">{member.name}</h1>
      <p className="mb-6 text-sm wrap-anywhere text-slate-600">{member.email}</p>
      <div className="grid max-w-4xl items-start gap-8 md:grid-cols-2">
        <ChangeRoleForm staffId={member.id} name={member.name} role={member.role} />
        <ResetPasswordForm staffId={member.id} name={member.name} />
      </div>
    </>
  );
}
