import { z } from "zod";

/**
 * A value a uuid column accepts, checked before it reaches one so a bad link is a plain not-found.
 * Entra's tenant, application and object IDs are GUIDs of the same form.
 */
export function isUuid(value: string) {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** The same check in a zod schema (forms, actions, events, list queries), refused with `message` when given. */
export const uuidField = (message?: string) => z.string().refine(isUuid, message);
