import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { authOptions } from "./options";
import { findStaffById, staffExists } from "@/lib/staff/queries";
import type { Actor } from "./authorize";
import { refuseSignedInPortalUser } from "@/lib/portal/current-client";

/** The staff member signed in for this request, read fresh from the database (removed staff are out at once). */
export const getCurrentStaff = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions)) as { staffId?: string } | null;
  if (!session?.staffId) return null;
  return (await findStaffById(session.staffId)) ?? null;
});

/** For pages: first run leads to setup, anonymous visitors to sign in. */
export async function requireStaff(): Promise<Actor> {
  if (!(await staffExists())) redirect("/setup");
  const staff = await getCurrentStaff();
  if (staff) return staff;
  await refuseSignedInPortalUser();
  redirect("/signin");
}

/** For superuser pages: a technician gets not-found. */
export async function requireSuperuser(): Promise<Actor> {
  const staff = await requireStaff();
  if (staff.role !== "superuser") notFound();
  return staff;
}
