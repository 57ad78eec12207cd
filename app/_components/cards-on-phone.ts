/**
 * For a DataTable of a few rows that is not a list page (staff, a client's own devices): below sm each row becomes a
 * card, its cells one under another without the header row (a cell that needs its name says it, `sm:hidden`); from
 * sm up, the table as is.
 */
export const cardsOnPhone =
  "max-sm:[&_:is(table,tbody,tr,td)]:block max-sm:[&_td]:py-0.5 max-sm:[&_thead]:hidden max-sm:[&_tr]:py-2";
