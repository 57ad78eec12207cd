import { sql, type AnyColumn } from "drizzle-orm";
import { devices } from "@/db/schema";
import { attentionReasonKeys, attentionReasons, type AttentionReason } from "./attention-reasons";

/**
 * The "Needs attention" filter: any reason reads the partial index devices_needing_attention_name_order (only
 * the devices with a reason, in the list's order); one reason, the GIN index devices_attention_reasons.
 */
export function needsAttention(reason: "any" | AttentionReason) {
  if (reason === "any") return sql`cardinality(${devices.attentionReasons}) > 0`;
  return sql`${devices.attentionReasons} @> ARRAY[${reason}]::text[]`;
}

/** "Stale; Owner gone": a device's reasons in the list's words and order, for the CSV export (null when none). */
export function attentionReasonLabelsSql(column: AnyColumn) {
  const labelled = attentionReasonKeys.map(
    (key) => sql`CASE WHEN ${column} @> ARRAY[${key}]::text[] THEN ${attentionReasons[key]}::text END`,
  );
  return sql<string | null>`nullif(concat_ws('; ', ${sql.join(labelled, sql`, `)}), '')`;
}
