import { NextResponse, type NextRequest } from "next/server";
import { bodyRefusal } from "@/lib/actions/body-limits";

/**
 * Every page gets a fresh nonce, and its Content-Security-Policy allows no script without it (Next.js puts
 * the nonce on its own scripts when it finds the policy on the request). HSTS only over HTTPS: a browser
 * told so over plain HTTP would lock a development machine out. The headers that never change are set for
 * every path in next.config.js. A form post larger than its page allows is refused first (lib/actions/body-limits.ts).
 */
/** The Entra authority browsers are sent to sign in (AZURE_AUTHORITY_HOST, as lib/azure reads it; public cloud by default). */
const authorityOrigin = () =>
  new URL(process.env.AZURE_AUTHORITY_HOST?.trim() || "https://login.microsoftonline.com").origin;

export function proxy(request: NextRequest) {
  const refused = bodyRefusal({ method: request.method, pathname: request.nextUrl.pathname, headers: request.headers });
  if (refused)
    return new NextResponse(refused.message, {
      status: refused.status,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const https = (request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "")) === "https";
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Also Microsoft's sign-in: Chromium checks where a form post is redirected against form-action, and the portal's
    // "Sign in with Microsoft" form answers with a redirect to the authority's authorize endpoint.
    `form-action 'self' ${authorityOrigin()}`,
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  // Pages, server actions, API routes and unknown paths; not the build's static files.
  matcher: [{ source: "/((?!_next/static|_next/image|icon.svg|robots.txt).*)" }],
};
