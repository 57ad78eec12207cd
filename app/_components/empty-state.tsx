import Link from "next/link";
import type { Actor } from "@/lib/auth/authorize";

/** Shown when there is nothing at all yet: what to do next depends on who is looking. */
export function EmptyState({ actor, noun, children }: { actor: Actor; noun: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center">
      <h2 className="text-lg font-semibold">No {noun} yet</h2>
      {actor.role === "superuser" ? (
        <p className="mt-2 text-slate-600">
          {noun[0].toUpperCase() + noun.slice(1)} come from your Microsoft Entra ID.{" "}
          <Link href="/settings/azure">Connect Microsoft Azure</Link> to sync them.
        </p>
      ) : (
        <p className="mt-2 text-slate-600">
          {noun[0].toUpperCase() + noun.slice(1)} appear here once a superuser connects Microsoft Azure. Ask a superuser
          to set it up.
        </p>
      )}
      {children && <p className="mt-2 text-slate-600">{children}</p>}
    </div>
  );
}
