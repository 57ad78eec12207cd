import { z } from "zod";
import { uuidField } from "@/db/is-uuid";
import { recordStatus } from "@/db/schema";
import { firstValues } from "@/lib/lists/search-params";

/** The device list's query string; anything unrecognised falls back to the default. `os` is a label ("macOS"). */
export const deviceListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  organization: uuidField().optional().catch(undefined),
  os: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(recordStatus.enumValues).optional().catch(undefined),
  sort: z.enum(["name", "signin"]).catch("name").default("name"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type DeviceListQuery = z.infer<typeof deviceListQuery>;

export function parseDeviceListQuery(searchParams: Record<string, string | string[] | undefined>) {
  return deviceListQuery.parse(firstValues(searchParams));
}
