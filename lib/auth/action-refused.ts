/** Something a person cannot do right now; its message is safe to show them as it is, `data` beside it. */
export class ActionRefused extends Error {
  constructor(
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
