import { requireSuperuser } from "@/lib/session/current-staff";

/** Every settings page is for superusers; a technician gets not-found. Each action checks again. */
export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  await requireSuperuser();
  return children;
}
