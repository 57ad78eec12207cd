import type { APIRequestContext, Page } from "@playwright/test";

export type CapturedAction = { path: string; headers: Record<string, string>; body: Buffer };

/**
 * Captures the server-action request a page sends when `submit` runs, without letting it reach the
 * server, so a test can replay it with another person's session: a direct POST to the action.
 */
export async function captureActionRequest(page: Page, submit: () => Promise<void>): Promise<CapturedAction> {
  const path = new URL(page.url()).pathname;
  const captured = new Promise<CapturedAction>((resolve) =>
    page.route(`**${path}`, async (route) => {
      const request = route.request();
      if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
      resolve({ path, headers: await request.allHeaders(), body: request.postDataBuffer()! });
      await route.abort();
    }),
  );
  await submit();
  const action = await captured;
  await page.unroute(`**${path}`);
  return action;
}

export async function replayAction(request: APIRequestContext, action: CapturedAction) {
  const response = await request.post(action.path, {
    headers: {
      "next-action": action.headers["next-action"],
      "content-type": action.headers["content-type"],
      accept: "text/x-component",
    },
    data: action.body,
  });
  return response.text();
}
