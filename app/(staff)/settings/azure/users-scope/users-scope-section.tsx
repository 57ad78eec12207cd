import type { UsersScope } from "@/db/schema";
import type { GraphGroup } from "@/lib/azure";
import { UsersScopeForm } from "./users-scope-form";

type Search = { text: string; result: { groups: GraphGroup[] } | { problem: string } | null };

/** Which users the users sync brings in: a search for groups by name (its own GET form), then the scope form. */
export function UsersScopeSection({
  scope,
  search,
  basePath = "/settings/azure",
}: {
  scope: UsersScope;
  search: Search;
  basePath?: string;
}) {
  const found = search.result && "groups" in search.result ? search.result.groups : [];
  return (
    <section
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-6"
      aria-labelledby="users-scope-heading"
    >
      <h2 id="users-scope-heading" className="text-lg font-semibold">
        Which users
      </h2>
      <form method="get" action={basePath} role="search" aria-label="Find groups" className="flex items-end gap-2">
        <label className="block flex-1 text-sm">
          <span className="mb-1 block font-medium text-slate-700">Find groups by name</span>
          <input
            name="findGroups"
            defaultValue={search.text}
            placeholder="e.g. sales"
            className="block w-full rounded-md border border-slate-300 px-3 py-2"
          />
        </label>
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50"
        >
          Find groups
        </button>
      </form>
      {search.result && "problem" in search.result && (
        <p role="alert" className="text-sm text-red-700">
          {search.result.problem}
        </p>
      )}
      {search.result && "groups" in search.result && (
        <p className="text-sm text-slate-600" data-testid="group-search-result">
          {found.length
            ? `${found.length} group${found.length === 1 ? "" : "s"} found for “${search.text}”: tick the ones to sync, then Save Changes.`
            : `No group has a name with a word starting “${search.text}”.`}
        </p>
      )}
      <UsersScopeForm scope={scope} found={found} />
    </section>
  );
}
