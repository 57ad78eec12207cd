/** The app's public address, for links in mail (APP_URL, else NEXTAUTH_URL). */
export function appUrl() {
  return (process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}
