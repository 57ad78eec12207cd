import Link from "next/link";

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
    <p className="rounded-xl border border-slate-200 bg-white p-8 text-center text-slate-600">
      {pastTheEnd ? (
        <>
          No {noun} on this page: <Link href={firstPageHref}>back to the first page</Link>.
        </>
      ) : (
        `No ${noun} match these filters.`
      )}
    </p>
  );
}
