import { z } from "zod";
import { isUuid } from "@/db/is-uuid";
import type { UsersScope } from "@/db/schema";
import { chosenGroups } from "./group-fields";

// The "Which users" form on the Azure User Sync page; ./group-fields says how it names the chosen groups.

const MAX_SCOPE_GROUPS = 20;
const MAX_SKIP_PATTERNS = 50;

function patternProblem(pattern: string) {
  if (pattern.length > 200) return `"${pattern.slice(0, 40)}…" is longer than 200 characters.`;
  if (!pattern.replace(/\*/g, "").trim())
    return `"${pattern}" would match every account: add some letters, e.g. svc-*.`;
  if (/\s/.test(pattern)) return `"${pattern}" has a space: user principal names and mail addresses have none.`;
  return null;
}

export const usersScopeForm = z
  .object({
    usersScopeMode: z.enum(["all_users", "groups"], "Choose All users or Only members of these groups."),
    skipUnlicensed: z.literal("on").optional(),
    skipDisabledOnFirstSight: z.literal("on").optional(),
    skipPatterns: z.string().default(""),
  })
  .catchall(z.unknown())
  .transform((form): UsersScope => {
    const groups = chosenGroups(form);
    return {
      mode: form.usersScopeMode,
      groups,
      skipUnlicensed: form.skipUnlicensed === "on",
      skipPatterns: [
        ...new Set(
          form.skipPatterns
            .split(/\r?\n/)
            .map((line) => line.trim())
            .filter(Boolean),
        ),
      ],
      skipDisabledOnFirstSight: form.skipDisabledOnFirstSight === "on",
    };
  })
  .superRefine((scope, context) => {
    const problem = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
    if (scope.mode === "groups" && !scope.groups.length)
      problem("groups", "Choose at least one group (find it by name below), or choose All users.");
    if (scope.groups.length > MAX_SCOPE_GROUPS)
      problem("groups", `Choose at most ${MAX_SCOPE_GROUPS} groups: nested groups count through their parent.`);
    if (scope.groups.some((group) => !isUuid(group.id)))
      problem("groups", "A chosen group is not an Entra group's object ID: find it by name again.");
    if (scope.skipPatterns.length > MAX_SKIP_PATTERNS)
      problem("skipPatterns", `At most ${MAX_SKIP_PATTERNS} patterns, one per line.`);
    const bad = scope.skipPatterns.map(patternProblem).find(Boolean);
    if (bad) problem("skipPatterns", bad);
  });
