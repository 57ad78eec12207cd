import type { UsersScope } from "@/db/schema";
import { UsersScopeForm } from "./users-scope-form";

/** Which users the users sync brings in: one form, its search for groups by name included. */
export function UsersScopeSection({ scope }: { scope: UsersScope }) {
  return (
    <section
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-6"
      aria-labelledby="users-scope-heading"
    >
      <h2 id="users-scope-heading" className="text-lg font-semibold">
        Which users
      </h2>
      <UsersScopeForm scope={scope} />
    </section>
  );
}
