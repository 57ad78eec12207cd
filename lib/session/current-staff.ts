import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { authOptions } from "./options";
import { findStaffForSession, staffExists, type StaffSession } from "@/lib/staff/queries";
import type { Actor } from "@/lib/auth/authorize";
import { sendPortalUserToPortal } from "@/lib/session/current-client";

/**
 * The staff member signed in for this request, read fresh from the database: removed staff, and staff whose
 * password or role changed since they signed in, are out at their next request.
 */
export const getCurrentStaff = cache(async (): Promise<Actor | null> => {
  return findStaffForSession((await getServerSession(authOptions)) as StaffSession | null);
});

/** For pages: first run leads to setup, anonymous visitors to sign in. */
export async function requireStaff(): Promise<Actor> {
  if (!(await staffExists())) redirect("/setup");
  const staff = await getCurrentStaff();
  if (staff) return staff;
  await sendPortalUserToPortal();
  redirect("/signin");
}

/** For superuser pages: a technician gets not-found. */
export async function requireSuperuser(): Promise<Actor> {
  const staff = await requireStaff();
  if (staff.role !== "superuser") notFound();
  return staff;
}
