import Link from "next/link";

/** The "← Clients" line above a page's title: back to the page this one belongs under. */
export function BackLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <p className="mb-2 text-sm">
      <Link href={href}>← {children}</Link>
    </p>
  );
}
