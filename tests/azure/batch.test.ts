import { afterEach, describe, expect, it } from "vitest";
import { fetchFirstOwnersBatched } from "@/lib/azure";
import { fetchDevicesPage } from "@/lib/azure/devices";
import { graphSession, useFakeTenant } from "./fake-tenant-harness";

const fake = useFakeTenant({ users: 400, devices: 120, seed: "batch" });

describe("owner look-ups through JSON batching", () => {
  afterEach(() => {
    fake().control.clearFaults();
    fake().control.resetRequestCounts();
  });

  it("asks 20 devices a batch; an inner 429 is sent again alone after its Retry-After, and an inner 404 is a device with no owner", async () => {
    const graph = graphSession(fake());
    const ids = (await fetchDevicesPage(graph, null, { pageSize: 45 })).items.map((device) => device.id);
    const [gone, throttled] = [ids[3], ids[30]];
    fake().control.hardDeleteDevice({ id: gone });
    fake().control.failNextRequests({ count: 1, status: 429, retryAfterSeconds: 1, pathPrefix: `/v1.0/devices/${throttled}/` });
    fake().control.resetRequestCounts();
    const started = Date.now();
    const owners = await fetchFirstOwnersBatched(graph, ids, 4);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    for (const id of ids) expect(owners.get(id)).toBe(id === gone ? null : (fake().control.deviceOwnerIds({ id })[0] ?? null));
    expect(owners.get(throttled)).not.toBeUndefined();
    // 45 devices: batches of 20, 20 and 5, then the throttled one again on its own.
    expect(fake().control.requestCounts()).toMatchObject({ graph: 4, batched: 46 });
    expect(graph.waitedSeconds).toBe(1);
  });

  it("an inner answer the policy cannot wait out fails as throttled, in words", async () => {
    const graph = graphSession(fake(), undefined, { retry: { maxRetries: 3, maxWaitSeconds: 5, fallbackDelaySeconds: 0.1 } });
    const [id] = (await fetchDevicesPage(graph, null, { pageSize: 1 })).items.map((device) => device.id);
    fake().control.failNextRequests({ count: 1, status: 429, retryAfterSeconds: 120, pathPrefix: `/v1.0/devices/${id}/` });
    await expect(fetchFirstOwnersBatched(graph, [id], 1)).rejects.toMatchObject({ code: "throttled", message: expect.stringContaining("120") });
  });
});
