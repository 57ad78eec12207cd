import { Tabs } from "@/app/_components/tabs";

/** Settings, Microsoft Azure and Run history of one organization's Azure User Sync. */
export function AzureTabs({ basePath }: { basePath: string }) {
  return (
    <Tabs
      tabs={[
        { href: basePath, label: "Settings" },
        { href: `${basePath}/microsoft-azure`, label: "Microsoft Azure" },
        { href: `${basePath}/runs`, label: "Run history" },
      ]}
    />
  );
}
