import type { Metadata } from "next";
import "./globals.css";

// Every page shows data for the person signed in: nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: { default: "Vertask", template: "%s · Vertask" } };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
