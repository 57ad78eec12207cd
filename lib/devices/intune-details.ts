import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { clients } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";

// Intune's values as a technician says them ("managedDevice resource type": complianceState,
// managedDeviceOwnerType, managementAgent); a value not named here shows as Intune wrote it.

const compliance: Record<string, string> = {
  compliant: "Compliant",
  noncompliant: "Not compliant",
  inGracePeriod: "In grace period",
  conflict: "Conflict",
  error: "Error",
  unknown: "Unknown",
  configManager: "Checked by Configuration Manager",
};

const ownership: Record<string, string> = { company: "Company", personal: "Personal", unknown: "Unknown" };

const managementAgents: Record<string, string> = {
  mdm: "MDM",
  eas: "Exchange ActiveSync",
  easMdm: "Exchange ActiveSync and MDM",
  intuneClient: "Intune PC client",
  easIntuneClient: "Exchange ActiveSync and Intune PC client",
  configurationManagerClient: "Configuration Manager",
  configurationManagerClientMdm: "Configuration Manager and MDM",
  configurationManagerClientMdmEas: "Configuration Manager, MDM and Exchange ActiveSync",
  jamf: "Jamf",
  googleCloudDevicePolicyController: "Google Cloud device policy controller",
  microsoft365ManagedMdm: "Microsoft 365 MDM",
  msSense: "Microsoft Defender for Endpoint",
  unknown: "Unknown",
};

const label = (labels: Record<string, string>) => (value: string | null) =>
  value === null ? null : Object.hasOwn(labels, value) ? labels[value] : value;

export const complianceLabel = label(compliance);
export const ownershipLabel = label(ownership);
export const managementAgentLabel = label(managementAgents);

/** The client Intune names as a device's primary user, when that user is a synced client. */
export async function primaryUserOf(actor: Actor, clientId: string | null) {
  authorize(actor, "staff");
  if (!clientId) return null;
  const [client] = await db
    .select({ id: clients.id, displayName: clients.displayName })
    .from(clients)
    .where(eq(clients.id, clientId));
  return client ?? null;
}
