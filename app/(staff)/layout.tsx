import { requireStaff } from "@/lib/session/current-staff";
import { staffBannerFor } from "@/lib/alerts/queries";
import { NavLink } from "@/app/_components/nav-link";
import { StaffBanner } from "@/app/_components/staff-banner";
import { SignOutButton } from "@/app/_components/sign-out-button";

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff();
  // None for a technician. The credentials' expiry is worked out live from the saved dates.
  const banner = await staffBannerFor(staff);
  return (
    <div className="min-h-screen">
      <header className="bg-slate-900">
        {/* On a phone the links take a row of their own under the name and Sign out; from sm up, one row. */}
        <nav
          className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-2 px-4 py-1 sm:gap-y-2 sm:px-6 sm:py-3"
          aria-label="Main"
        >
          <span className="mr-4 font-semibold text-white">Vertask</span>
          <div className="order-last flex w-full flex-wrap gap-1 sm:order-none sm:w-auto sm:gap-2">
            <NavLink href="/clients">Clients</NavLink>
            <NavLink href="/devices">Devices</NavLink>
            {staff.role === "superuser" && <NavLink href="/settings">Settings</NavLink>}
            <NavLink href="/account">Your account</NavLink>
          </div>
          <div className="ml-auto flex min-w-0 items-center gap-4">
            <span className="max-w-xs truncate text-sm text-slate-300" title={staff.name} data-testid="signed-in-as">
              {staff.name}{" "}
              <span className="text-slate-400">· {staff.role === "superuser" ? "Superuser" : "Technician"}</span>
            </span>
            <SignOutButton />
          </div>
        </nav>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6 sm:py-8">
        <StaffBanner banner={banner} />
        {children}
      </main>
    </div>
  );
}
