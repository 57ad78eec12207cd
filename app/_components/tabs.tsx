"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * A row of tabs that stays in its own width: on a narrow screen it scrolls inside itself, never the page; each tab is
 * 44 px tall on a phone, a finger's width. The line under the row is an inset shadow, not a border the active tab
 * overlaps with a negative margin: a box that scrolls would clip that overlap.
 */
export function Tabs({ tabs }: { tabs: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav
      aria-label="Azure User Sync sections"
      className="mb-6 flex gap-1 overflow-x-auto shadow-[inset_0_-1px_0_var(--color-slate-200)]"
    >
      {tabs.map((tab) => {
        const active = pathname === tab.href;
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={`flex min-h-11 shrink-0 items-center border-b-2 px-3 py-2 text-sm whitespace-nowrap sm:min-h-0 sm:px-4 font-medium no-underline hover:no-underline ${active ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
