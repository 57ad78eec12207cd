import { requireSuperuser } from "@/lib/session/current-staff";
import { Tabs } from "@/app/_components/tabs";

export default async function AzureUserSyncLayout({ children }: { children: React.ReactNode }) {
  await requireSuperuser();
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Azure User Sync</h1>
      <Tabs
        tabs={[
          { href: "/settings/azure", label: "Settings" },
          { href: "/settings/azure/microsoft-azure", label: "Microsoft Azure" },
          { href: "/settings/azure/runs", label: "Run history" },
        ]}
      />
      {children}
    </>
  );
}
