// Follows the fake's v2.0 admin-consent page the way a browser without JavaScript does: open the link, read the
// form, press a button, and see where the browser would be sent. For tests that consent without Playwright.
import { CONSENT_LABELS } from "./consent-page";

export type ConsentPage = {
  url: string;
  status: number;
  html: string;
  /** Where the form posts; null on an error page. */
  action: string | null;
  fields: Record<string, string>;
  /** The tenant ids offered under "Sign in as administrator of" (organizations, common); empty otherwise. */
  tenantChoices: string[];
};

export type ConsentAnswer = { status: number; html: string; location: string | null };

const unescapeHtml = (text: string) =>
  text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

export async function openConsentPage(link: string): Promise<ConsentPage> {
  const response = await fetch(link, { redirect: "manual" });
  const html = await response.text();
  const action = /<form method="post" action="([^"]*)">/.exec(html)?.[1];
  const fields = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(([, name, value]) => [
      unescapeHtml(name),
      unescapeHtml(value),
    ]),
  );
  const tenantChoices = [...html.matchAll(/<option value="([^"]*)">/g)].map(([, value]) => unescapeHtml(value));
  return {
    url: link,
    status: response.status,
    html,
    action: action ? new URL(unescapeHtml(action), link).toString() : null,
    fields,
    tenantChoices,
  };
}

/** Presses Accept or Cancel; `tenant` is the administrator's pick when the page offers one. */
export async function answerConsentPage(
  page: ConsentPage,
  decision: "accept" | "cancel",
  options: { tenant?: string } = {},
): Promise<ConsentAnswer> {
  if (!page.action)
    throw new Error(`No consent form on the page (${page.status}): ${page.html.replace(/<[^>]+>/g, " ").trim()}`);
  if (!page.html.includes(`value="${decision}">${CONSENT_LABELS[decision]}</button>`))
    throw new Error(`No ${CONSENT_LABELS[decision]} button on the page`);
  const form = new URLSearchParams({ ...page.fields, decision, ...(options.tenant ? { tenant: options.tenant } : {}) });
  const response = await fetch(page.action, { method: "POST", body: form, redirect: "manual" });
  return { status: response.status, html: await response.text(), location: response.headers.get("location") };
}
