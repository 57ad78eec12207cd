// Plain HTTPS requests to a running fake, as the fake's own tests make them: no Microsoft library in between.
import { CONTOSO } from "./default-tenants";
import type { FakeEntra } from "./server";

export type AppCredentials = { clientId: string; secret: string };

export function requestToken(fake: FakeEntra, app: AppCredentials = CONTOSO.goodApp) {
  const body = new URLSearchParams({
    client_id: app.clientId,
    client_secret: app.secret,
    scope: `${fake.url}/.default`,
    grant_type: "client_credentials",
  });
  return fetch(`${fake.url}/${CONTOSO.tenantId}/oauth2/v2.0/token`, { method: "POST", body });
}

export type GraphGetOptions = { app?: AppCredentials; headers?: Record<string, string> };

/** A Graph GET with a fresh token; `path` is relative to the fake, or a nextLink as Graph gave it. */
export async function graphGet(fake: FakeEntra, path: string, options: GraphGetOptions = {}) {
  const { access_token } = (await (await requestToken(fake, options.app)).json()) as { access_token: string };
  const url = path.startsWith("https://") ? path : `${fake.url}${path}`;
  return fetch(url, { headers: { Authorization: `Bearer ${access_token}`, ...options.headers } });
}

/** Every item of a listing, following its nextLinks (with the same headers) to the end; also how many pages. */
export async function everyItem<T = Record<string, unknown>>(
  fake: FakeEntra,
  path: string,
  options: GraphGetOptions = {},
) {
  const items: T[] = [];
  let pages = 0;
  for (let link: string | undefined = path; link; pages++) {
    const response = await graphGet(fake, link, options);
    if (response.status !== 200) throw new Error(`${link} answered ${response.status}: ${await response.text()}`);
    const page = (await response.json()) as { value: T[]; "@odata.nextLink"?: string };
    items.push(...page.value);
    link = page["@odata.nextLink"];
  }
  return { items, pages };
}

/** A Graph request with a JSON body (POST, PATCH) or none (DELETE), with a fresh token of the good app. */
export async function graphSend(fake: FakeEntra, method: string, path: string, body?: unknown) {
  const { access_token } = (await (await requestToken(fake)).json()) as { access_token: string };
  return fetch(`${fake.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${access_token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
