// How the "Which users" form names a chosen group: a checkbox `group:<object id>` whose value is the group's
// name, so several arrive as separate fields. The form (to show what was sent) and its schema both read them.

export type ChosenGroup = { id: string; displayName: string };

const GROUP_FIELD = /^group:(.+)$/;

export const groupFieldName = (groupId: string) => `group:${groupId}`;

/** The groups ticked among a form's fields, a blank name standing in as the group's id. */
export function chosenGroups(fields: Record<string, unknown>): ChosenGroup[] {
  return Object.entries(fields).flatMap(([field, name]) => {
    const id = GROUP_FIELD.exec(field)?.[1];
    return id ? [{ id, displayName: typeof name === "string" && name.trim() ? name.trim() : id }] : [];
  });
}
