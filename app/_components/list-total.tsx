import Link from "next/link";
import type { ListTotal } from "@/lib/lists/list-total";

const counted = ({ count, precision }: ListTotal) =>
  `${precision === "exact" ? "" : `${precision} `}${count.toLocaleString("en")}`;

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * The line above a list: "1,253 clients · 3 filters", and while removed records are left out, a link that shows
 * them with their count ("Show removed (5)"), or once shown, one that hides them again.
 */
export function ListTotalLine({
  total,
  noun,
  one = noun.replace(/s$/, ""),
  filters,
  removed,
}: {
  total: ListTotal;
  noun: string;
  one?: string;
  /** How many filters narrow the list. */
  filters: number;
  /** The removed records the list leaves out and the address that shows them, or the address that hides them. */
  removed?: { hidden: ListTotal; showHref: string } | { hideHref: string } | null;
}) {
  const word = total.count === 1 && total.precision === "exact" ? one : noun;
  return (
    <div className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-700">
      <p data-testid="list-total">
        <strong className="font-semibold">
          {counted(total)} {word}
        </strong>
        {filters > 0 && ` · ${filters} ${plural(filters, "filter", "filters")}`}
      </p>
      {removed && "showHref" in removed && removed.hidden.count > 0 && (
        <Link href={removed.showHref} className="flex min-h-tap items-center md:min-h-0">
          Show removed ({counted(removed.hidden)})
        </Link>
      )}
      {removed && "hideHref" in removed && (
        <Link href={removed.hideHref} className="flex min-h-tap items-center md:min-h-0">
          Hide removed
        </Link>
      )}
    </div>
  );
}
