/** The lists' button looks, one place for each (a link styled as a button uses them too). */
export const primaryButton =
  "inline-flex min-h-tap items-center rounded-md bg-accent-600 px-3 py-2 text-sm font-medium text-white no-underline shadow-sm hover:bg-accent-700 md:min-h-0";

export const secondaryButton =
  "inline-flex min-h-tap items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 no-underline hover:bg-slate-50 disabled:opacity-60 md:min-h-0";
