import { requireSuperuser } from "@/lib/session/current-staff";
import { MicrosoftAzureTab } from "./microsoft-azure-tab";

export const metadata = { title: "Microsoft Azure" };

export default async function MicrosoftAzurePage() {
  const actor = await requireSuperuser();
  return <MicrosoftAzureTab actor={actor} basePath="/settings/azure" />;
}
