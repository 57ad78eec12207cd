// The page a browser sees at the authorize endpoint: a stand-in for Microsoft's "Pick an account" screen that
// lists the users who may sign in (grouped by tenant for organizations and common), with a search box and pages.
// A plain form: it works without JavaScript. Choosing a user posts the request back with `user`.
import { escapeHtml, page } from "./consent-page";
import type { FakeResponse } from "./responses";

export const SIGN_IN_LABELS = {
  heading: "Pick an account",
  search: "Find a user",
  searchButton: "Search",
  next: "Next page",
  previous: "Previous page",
  disabled: "(disabled)",
} as const;

export type SignInPageUser = { id: string; displayName: string; userPrincipalName: string; enabled: boolean };
export type SignInPageGroup = { tenantId: string; displayName: string; domain: string; users: SignInPageUser[] };

export type SignInPageInput = {
  appName: string;
  /** Where the forms go, and what they carry back unchanged. */
  action: string;
  fields: Record<string, string>;
  search: string;
  pageNumber: number;
  hasNextPage: boolean;
  groups: SignInPageGroup[];
};

const hiddenFields = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");

function groupHtml(input: SignInPageInput, group: SignInPageGroup) {
  const users = group.users
    .map(
      (user) =>
        `<li><button type="submit" name="user" value="${escapeHtml(`${group.tenantId}:${user.id}`)}">` +
        `${escapeHtml(user.displayName)} <span>${escapeHtml(user.userPrincipalName)}</span>` +
        `${user.enabled ? "" : ` ${SIGN_IN_LABELS.disabled}`}</button></li>`,
    )
    .join("");
  return (
    `<section><h2>${escapeHtml(group.displayName)} (${escapeHtml(group.domain)})</h2>` +
    `<form method="post" action="${escapeHtml(input.action)}">${hiddenFields(input.fields)}` +
    `<ul>${users || "<li>No user matches</li>"}</ul></form></section>`
  );
}

function pageLink(input: SignInPageInput, pageNumber: number, label: string) {
  const query = new URLSearchParams({ ...input.fields, q: input.search, page: String(pageNumber) });
  return `<a href="${escapeHtml(`${input.action}?${query}`)}">${label}</a>`;
}

export function signInPage(input: SignInPageInput): FakeResponse {
  const paging = [
    input.pageNumber > 1 ? pageLink(input, input.pageNumber - 1, SIGN_IN_LABELS.previous) : "",
    input.hasNextPage ? pageLink(input, input.pageNumber + 1, SIGN_IN_LABELS.next) : "",
  ].join(" ");
  return page(
    200,
    "Sign in to your account",
    `<p>Microsoft (fake)</p><h1>${SIGN_IN_LABELS.heading}</h1>` +
      `<p>to continue to <strong>${escapeHtml(input.appName)}</strong></p>` +
      `<form method="get" action="${escapeHtml(input.action)}" role="search">${hiddenFields(input.fields)}` +
      `<label for="q">${SIGN_IN_LABELS.search}</label> <input id="q" name="q" type="search" value="${escapeHtml(input.search)}"> ` +
      `<button type="submit">${SIGN_IN_LABELS.searchButton}</button></form>` +
      input.groups.map((group) => groupHtml(input, group)).join("") +
      `<nav aria-label="Pages">${paging}</nav>`,
  );
}
