import Link from "next/link";
import type { Actor } from "@/lib/auth/authorize";

/** The box a list shows in place of its rows, with what to do next. */
export function EmptyMessage({ children, title }: { children: React.ReactNode; title?: string }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
      {title && <h2 className="mb-2 text-lg font-semibold text-slate-900">{title}</h2>}
      <p>{children}</p>
    </div>
  );
}

/** Shown when there is nothing at all yet: what to do next depends on who is looking. */
export function EmptyState({ actor, noun, children }: { actor: Actor; noun: string; children?: React.ReactNode }) {
  const Noun = noun[0].toUpperCase() + noun.slice(1);
  return (
    <EmptyMessage title={`No ${noun} yet`}>
      {actor.role === "superuser" ? (
        <>
          {Noun} come from your Microsoft Entra ID. <Link href="/settings/azure">Connect Microsoft Azure</Link> to sync
          them.
        </>
      ) : (
        <>{Noun} appear here once a superuser connects Microsoft Azure. Ask a superuser to set it up.</>
      )}
      {children && <> {children}</>}
    </EmptyMessage>
  );
}

/** What a list shows in place of its table when a page has no rows: past the end, or nothing matches the filters. */
export function NoRowsMessage({
  noun,
  pastTheEnd,
  firstPageHref,
}: {
  noun: string;
  pastTheEnd: boolean;
  firstPageHref: string;
}) {
  return (
    <EmptyMessage>
      {pastTheEnd ? (
        <>
          No {noun} on this page: <Link href={firstPageHref}>back to the first page</Link>.
        </>
      ) : (
        `No ${noun} match these filters.`
      )}
    </EmptyMessage>
  );
}
