import Link from "next/link";
import type { ListTotal } from "@/lib/lists/list-total";
import { pageCount, pageSize } from "@/lib/lists/search-pattern";

type Props = {
  page: number;
  total: ListTotal;
  /** The rows this page shows. */
  shown: number;
  hrefFor: (page: number) => string;
  /** The plural noun ("clients"); `one` is the singular, by default the plural without its last "s". */
  noun: string;
  one?: string;
};

const totalText = ({ count, precision }: ListTotal) =>
  `${precision === "exact" ? "" : `${precision} `}${count.toLocaleString("en")}`;

/**
 * "51–100 of 180 clients" (or "of about 1,000,000", "of more than 40,000") and the page links; nothing for an
 * empty list, no page links for a single page. Past a total that is not exact, Next is offered while pages are full.
 */
export function Pagination({ page, total, shown, hrefFor, noun, one = noun.replace(/s$/, "") }: Props) {
  if (total.count === 0 || shown === 0) return null;
  const pages = total.precision === "more than" ? null : pageCount(total.count);
  const first = (page - 1) * pageSize + 1;
  const last = first + shown - 1;
  const hasNext = pages === null || total.precision === "about" ? shown === pageSize : page < pages;
  return (
    <nav
      aria-label="Pagination"
      className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600"
    >
      <p data-testid="result-count">
        {first.toLocaleString("en")}–{last.toLocaleString("en")} of {totalText(total)}{" "}
        {total.count === 1 && total.precision === "exact" ? one : noun}
      </p>
      {(page > 1 || hasNext) && (
        <div className="flex items-center gap-3">
          {page > 1 ? (
            <Link href={hrefFor(page - 1)}>← Previous</Link>
          ) : (
            <span className="text-slate-500" aria-disabled="true">
              ← Previous
            </span>
          )}
          <span>
            Page {page.toLocaleString("en")}
            {pages === null ? "" : ` of ${total.precision === "about" ? "about " : ""}${pages.toLocaleString("en")}`}
          </span>
          {hasNext ? (
            <Link href={hrefFor(page + 1)}>Next →</Link>
          ) : (
            <span className="text-slate-500" aria-disabled="true">
              Next →
            </span>
          )}
        </div>
      )}
    </nav>
  );
}
