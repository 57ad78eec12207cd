import "server-only";

/** A request that never got an HTTP answer: DNS, refused connection, TLS trust, timeout. */
export class TransportFailure extends Error {
  readonly name = "TransportFailure";
  constructor(
    readonly host: string,
    readonly causeCode: string,
    readonly timedOut: boolean,
  ) {
    super(`No answer from ${host} (${causeCode})`);
  }

  /** Certificate problems do not heal by retrying: someone has to fix trust. */
  get isTlsProblem() {
    return /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/i.test(this.causeCode);
  }
}

/** The last thing that went wrong on the wire while MSAL was working, kept because MSAL hides it. */
export type LoginExchangeProblem =
  | { kind: "transport"; failure: TransportFailure }
  | { kind: "not-json"; host: string; path: string; status: number }
  | { kind: "error-answer"; host: string; path: string; status: number; body: unknown };

/** A token request that failed, with what the wire showed. */
export class TokenRequestFailure extends Error {
  readonly name = "TokenRequestFailure";
  constructor(
    readonly msalError: unknown,
    readonly exchangeProblem: LoginExchangeProblem | null,
  ) {
    super(msalError instanceof Error ? msalError.message : "Token request failed", { cause: msalError });
  }
}
