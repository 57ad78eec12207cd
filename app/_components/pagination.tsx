import Link from "next/link";
import { pageCount, pageSize } from "@/lib/lists/search-pattern";

type Props = {
  page: number;
  total: number;
  hrefFor: (page: number) => string;
  /** The plural noun ("clients"); `one` is the singular, by default the plural without its last "s". */
  noun: string;
  one?: string;
};

/** "51–100 of 180 clients" and the page links; nothing for an empty list, no page links for a single page. */
export function Pagination({ page, total, hrefFor, noun, one = noun.replace(/s$/, "") }: Props) {
  if (total === 0) return null;
  const pages = pageCount(total);
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label="Pagination" className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
      <p data-testid="result-count">
        {first.toLocaleString("en")}–{last.toLocaleString("en")} of {total.toLocaleString("en")} {total === 1 ? one : noun}
      </p>
      {pages > 1 && (
        <div className="flex items-center gap-3">
          {page > 1 ? <Link href={hrefFor(page - 1)}>← Previous</Link> : <span className="text-slate-500" aria-disabled="true">← Previous</span>}
          <span>Page {page} of {pages.toLocaleString("en")}</span>
          {page < pages ? <Link href={hrefFor(page + 1)}>Next →</Link> : <span className="text-slate-500" aria-disabled="true">Next →</span>}
        </div>
      )}
    </nav>
  );
}
