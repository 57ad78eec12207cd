import { z } from "zod";
import { uuidField } from "@/db/is-uuid";
import { firstValues } from "@/lib/lists/search-params";
import { recordStatusFilter } from "@/lib/lists/record-status-filter";
import { sortDirectionField } from "@/lib/lists/sorting";
import { attentionReasonKeys } from "./attention-reasons";

/** The device list's query string; anything unrecognised falls back to the default. `os` is a label ("macOS"). */
export const deviceListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  organization: uuidField().optional().catch(undefined),
  os: z.string().trim().max(100).optional().catch(undefined),
  status: recordStatusFilter,
  // "any": every device with at least one attention reason; a reason's key: the devices with that one.
  attention: z
    .enum(["any", ...attentionReasonKeys])
    .optional()
    .catch(undefined),
  sort: z.enum(["name", "signin"]).catch("name").default("name"),
  dir: sortDirectionField,
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type DeviceListQuery = z.infer<typeof deviceListQuery>;

/** Names A→Z, the latest sign-in first. */
export const deviceSortDefaults = { name: "asc", signin: "desc" } as const;

export function parseDeviceListQuery(searchParams: Record<string, string | string[] | undefined>) {
  return deviceListQuery.parse(firstValues(searchParams));
}
