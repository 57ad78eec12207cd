// Checks for what people paste from the Microsoft Entra admin center, each with a hint that
// says which value belongs where (the words follow the setup guide).
import { isUuid } from "@/db/is-uuid";
import { guideStep } from "@/lib/setup-guide/steps";

const domainPattern = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const isDomain = (value: string) => domainPattern.test(value);

export function clientIdProblem(value: string): string | null {
  if (!value) return `Enter the Application (client) ID from the app's Overview page (${guideStep("overviewIds")}).`;
  if (/^https?:\/\//i.test(value)) return "Enter only the Application (client) ID, not a web address.";
  if (isDomain(value))
    return "This looks like a tenant domain: it belongs in Directory (tenant) ID. The Application (client) ID is a GUID.";
  if (!isUuid(value))
    return "The Application (client) ID is a GUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427: copy it from the app's Overview page.";
  return null;
}

export function tenantIdProblem(value: string): string | null {
  if (!value) return `Enter the Directory (tenant) ID from the app's Overview page (${guideStep("overviewIds")}).`;
  if (/^https?:\/\//i.test(value)) return "Enter only the Directory (tenant) ID, not a web address.";
  if (!isUuid(value) && !isDomain(value)) {
    return "The Directory (tenant) ID is a GUID, or a domain such as contoso.onmicrosoft.com.";
  }
  return null;
}

/** What is wrong with a pasted client secret, or null. Secret values are about 40 characters. */
export function clientSecretHint(value: string, clientId: string, tenantId: string): string | null {
  if (isUuid(value)) {
    if (value.toLowerCase() === clientId.toLowerCase())
      return "This is the Application (client) ID, not the Client secret. Paste the secret's Value.";
    if (value.toLowerCase() === tenantId.toLowerCase())
      return "This is the Directory (tenant) ID, not the Client secret. Paste the secret's Value.";
    return `This looks like the secret's ID, not its Value. In Certificates & secrets, copy the Value column (${guideStep("clientSecret")}).`;
  }
  if (/\s/.test(value)) return `A client secret has no spaces: copy its Value again (${guideStep("clientSecret")}).`;
  if (value.length < 16)
    return `This is too short to be a client secret Value (they are about 40 characters): copy it again (${guideStep("clientSecret")}).`;
  if (value.length > 255)
    return `This is too long to be a client secret Value: copy only the Value (${guideStep("clientSecret")}).`;
  return null;
}

/** Both IDs come from the same Overview page; a mix-up shows as the same value twice or a swap. */
export function swappedIdsHint(
  input: { clientId: string; tenantId: string },
  stored: { clientId: string | null; tenantId: string | null },
) {
  const same = (a: string | null, b: string | null) => Boolean(a && b && a.toLowerCase() === b.toLowerCase());
  if (same(input.clientId, input.tenantId)) {
    return "The Application (client) ID and the Directory (tenant) ID are two different values on the Overview page: both fields hold the same one.";
  }
  if (same(input.clientId, stored.tenantId) && same(input.tenantId, stored.clientId)) {
    return "These two IDs look swapped: the saved Directory (tenant) ID is now in the Application (client) ID field and the other way round.";
  }
  return null;
}
