// Which resource identifiers and token audiences mean "Microsoft Graph" to the fake.

/** Whether a resource or audience names this server: its own URL, Microsoft Graph's, or a loopback alias. */
export function isGraphResource(resource: string, baseUrl: string) {
  const trimmed = resource.replace(/\/+$/, "");
  if (["https://graph.microsoft.com", "00000003-0000-0000-c000-000000000000"].includes(trimmed)) return true;
  try {
    const url = new URL(trimmed);
    const own = new URL(baseUrl);
    const loopback = (host: string) => host === "localhost" || host === "127.0.0.1";
    return (
      url.origin === own.origin ||
      (url.protocol === "https:" && loopback(url.hostname) && loopback(own.hostname) && url.port === own.port)
    );
  } catch {
    return false;
  }
}
