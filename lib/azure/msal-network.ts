import "server-only";
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import { UnexpectedResponseError } from "./errors/entra-error";
import { TransportFailure, type LoginExchangeProblem } from "./errors/wire-errors";
import { fetchWithTimeout, safeHost } from "./transport";

/**
 * MSAL's network client, observed. MSAL turns a failed OpenID metadata request (an unknown tenant, a
 * refused connection, an untrusted certificate) into one "endpoints_resolution_error"; remembering what
 * actually happened lets the classifier tell those apart.
 */
export class ObservedNetworkClient implements INetworkModule {
  private lastProblem: LoginExchangeProblem | null = null;

  constructor(private readonly timeoutMs: number) {}

  takeLastProblem(): LoginExchangeProblem | null {
    const problem = this.lastProblem;
    this.lastProblem = null;
    return problem;
  }

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>(url, "GET", options);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>(url, "POST", options);
  }

  private async send<T>(
    url: string,
    method: "GET" | "POST",
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> {
    const host = safeHost(url);
    let status = 0;
    let text: string;
    const headers: Record<string, string> = {};
    try {
      const init: RequestInit = { method, headers: options?.headers };
      if (method === "POST") init.body = options?.body ?? "";
      const response = await fetchWithTimeout(url, init, this.timeoutMs);
      status = response.status;
      response.headers.forEach((value, name) => (headers[name] = value));
      text = await response.text();
    } catch (error) {
      const failure = error instanceof TransportFailure ? error : new TransportFailure(host, "READ_FAILED", false);
      this.lastProblem = { kind: "transport", failure };
      throw failure;
    }
    let body: T;
    try {
      body = JSON.parse(text) as T;
    } catch {
      this.lastProblem = { kind: "not-json", host, path: new URL(url).pathname, status };
      throw new UnexpectedResponseError("login", host, `HTTP ${status} with a body that is not JSON`);
    }
    if (status >= 400) this.lastProblem = { kind: "error-answer", host, path: new URL(url).pathname, status, body };
    return { headers, body, status };
  }
}
