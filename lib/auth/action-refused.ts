/** Something a person cannot do right now; its message is safe to show them as it is. */
export class ActionRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
