import type { StaffRole, StaffUser } from "@/db/schema";
import { ActionRefused } from "@/lib/auth/action-refused";

/** The signed-in staff member a data-access function acts for. */
export type Actor = Pick<StaffUser, "id" | "name" | "email" | "role">;

export class ForbiddenError extends ActionRefused {
  constructor(message = "You do not have permission to do this.") {
    super(message);
  }
}

/** Every data-access function calls this first; pages hiding a button are only a convenience. */
export function authorize(actor: Actor | null | undefined, role: StaffRole | "staff"): asserts actor is Actor {
  if (!actor) throw new ForbiddenError("Sign in to continue.");
  if (role === "superuser" && actor.role !== "superuser") throw new ForbiddenError("Only a superuser can do this.");
}
