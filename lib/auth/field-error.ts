/** Problems with form fields, each shown next to its field. */
export class FieldError extends Error {
  readonly fields: Record<string, string>;

  constructor(fieldOrFields: string | Record<string, string>, message?: string) {
    const fields = typeof fieldOrFields === "string" ? { [fieldOrFields]: message ?? "" } : fieldOrFields;
    super(Object.values(fields).join(" "));
    this.name = "FieldError";
    this.fields = fields;
  }
}
