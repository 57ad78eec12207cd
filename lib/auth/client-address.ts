import "server-only";
import { headers } from "next/headers";

/**
 * The address a request came from, for the per-address sign-in limit.
 *
 * Behind a proxy or load balancer, set VERTASK_TRUSTED_PROXY_HEADER to the header it writes (for example
 * x-forwarded-for): the right-most value is the address that proxy saw, the one hop a client cannot forge
 * (values to its left are whatever the client sent). Without the variable, the app takes the right-most
 * x-forwarded-for value, which Next.js fills with the socket's address when the request carries none; a client
 * reaching the app directly can then send its own, so production behind a proxy should name the header.
 */
export function clientAddressFrom(
  requestHeaders: Headers,
  trustedProxyHeader = process.env.VERTASK_TRUSTED_PROXY_HEADER,
) {
  const header = trustedProxyHeader?.trim() || "x-forwarded-for";
  const hops = (requestHeaders.get(header) ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops.at(-1) ?? null;
}

export async function clientAddress() {
  return clientAddressFrom(await headers());
}
