/**
 * For a DataTable of a few rows that is not a list page (staff, a client's own devices): below sm each row becomes a
 * card, its cells one under another, and the column names are left to screen readers; from sm up, the table as is.
 */
export const cardsOnPhone =
  "max-sm:[&_:is(table,tbody,tr,td)]:block max-sm:[&_td]:py-0.5 max-sm:[&_thead]:sr-only max-sm:[&_tr]:py-2";
