import Link from "next/link";
import { pageCount } from "@/lib/lists/search-pattern";

type Props = { page: number; total: number; hrefFor: (page: number) => string; noun: string };

export function Pagination({ page, total, hrefFor, noun }: Props) {
  const pages = pageCount(total);
  const first = total === 0 ? 0 : (page - 1) * 50 + 1;
  const last = Math.min(total, page * 50);
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-slate-600">
      <p data-testid="result-count">
        {first.toLocaleString("en")}–{last.toLocaleString("en")} of {total.toLocaleString("en")} {noun}
      </p>
      <div className="flex items-center gap-3">
        {page > 1 ? <Link href={hrefFor(page - 1)}>← Previous</Link> : <span className="text-slate-400">← Previous</span>}
        <span>Page {page} of {pages.toLocaleString("en")}</span>
        {page < pages ? <Link href={hrefFor(page + 1)}>Next →</Link> : <span className="text-slate-400">Next →</span>}
      </div>
    </nav>
  );
}
