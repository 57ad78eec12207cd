import type { Client } from "@/db/schema";
import type { Detail } from "./detail-list";

/** The details from Entra a client and their IT team both see: on the client's page and in the portal. */
export function clientContactDetails(client: Client): Detail[] {
  return [
    ["Mail", client.mail],
    ["User principal name", client.userPrincipalName],
    ["Job title", client.jobTitle],
    ["Department", client.department],
    ["Company", client.companyName],
    ["Office", client.officeLocation],
    ["Mobile phone", client.mobilePhone],
    ["Business phones", client.businessPhones.join(", ")],
  ];
}
