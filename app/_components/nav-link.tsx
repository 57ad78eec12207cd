"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** A link of the staff header: 44 px tall on a phone, a finger's width; as tall as its text needs from sm up. */
export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const active = usePathname().startsWith(href);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`flex min-h-11 items-center rounded-md px-3 py-2 text-sm sm:min-h-0 font-medium no-underline hover:no-underline ${active ? "bg-slate-700 text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white"}`}
    >
      {children}
    </Link>
  );
}
