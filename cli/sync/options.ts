// What `npm run sync -- …` was asked, read strictly: an unknown option, a missing value or a stray word is a usage
// error (exit 2), never ignored, so a script never syncs something other than what it named.
import type { SyncKind } from "@/db/schema";

/**
 * The most organizations `--all` syncs at once: each sync keeps about 20 MB live, and the 128 MB heap ceiling
 * (package.json) is kept at several times what is live so V8 collects in time (docs/performance.md).
 */
const MOST_AT_ONCE = 3;
const DEFAULT_AT_ONCE = 2;

export const usage = `Usage: npm run sync -- users|devices [--full] [--preview] [--organization NAME|DOMAIN|ID | --all [--concurrency N]]
       npm run sync -- --list
  --organization X   the organization to sync, by name, primary domain or id (needed when there are several)
  --all              every enabled organization, a line each and a summary
  --concurrency N    with --all: how many organizations sync at once (1 to ${MOST_AT_ONCE}, default ${DEFAULT_AT_ONCE})
  --full             list everything again, not only what changed
  --preview          users only: print what the sync would do, and write nothing
  --list             each organization with its status and last syncs
Exit code: 0 succeeded, 1 a sync failed, 2 usage, 3 cancelled from the browser, 4 held for review, 130 Ctrl-C, 143 SIGTERM.`;

type Target = { organization: string } | { all: true; concurrency: number } | { only: true };

export type SyncCommand =
  | { action: "help" }
  | { action: "list" }
  | { action: "sync"; kind: SyncKind; full: boolean; preview: boolean; target: Target };

/** Wrong usage: printed with the usage, exit code 2. */
export class UsageError extends Error {}

const flags = ["--full", "--preview", "--all", "--list", "--help"] as const;
const valued = ["--organization", "--concurrency"] as const;
type Flag = (typeof flags)[number];
type Valued = (typeof valued)[number];

/** The options given, each once: flags as true, valued options with their value. */
function readOptions(args: string[]) {
  const given = new Map<Flag | Valued, string | true>();
  const words: string[] = [];
  for (let at = 0; at < args.length; at++) {
    const arg = args[at] === "-h" ? "--help" : args[at];
    if (!arg.startsWith("-")) {
      words.push(arg);
      continue;
    }
    const [name, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    if (given.has(name as Flag | Valued)) throw new UsageError(`${name} is given twice.`);
    if ((flags as readonly string[]).includes(name)) {
      if (inline !== undefined) throw new UsageError(`${name} takes no value.`);
      given.set(name as Flag, true);
    } else if ((valued as readonly string[]).includes(name)) {
      const value = inline ?? (args[at + 1]?.startsWith("-") ? undefined : args[++at]);
      if (!value?.trim()) throw new UsageError(`${name} needs a value.`);
      given.set(name as Valued, value.trim());
    } else {
      throw new UsageError(`Unknown option ${name}.`);
    }
  }
  return { given, words };
}

function concurrencyOf(value: string | true | undefined) {
  if (value === undefined) return DEFAULT_AT_ONCE;
  const number = Number(value);
  if (typeof value !== "string" || !/^\d+$/.test(value) || number < 1 || number > MOST_AT_ONCE) {
    throw new UsageError(`--concurrency takes a whole number from 1 to ${MOST_AT_ONCE}, not "${value}".`);
  }
  return number;
}

export function parseSyncArguments(args: string[]): SyncCommand {
  const { given, words } = readOptions(args);
  if (given.has("--help")) return { action: "help" };
  if (given.has("--list")) {
    if (given.size > 1 || words.length) throw new UsageError("--list takes nothing else.");
    return { action: "list" };
  }
  if (words.length === 0) throw new UsageError("Say what to sync: users or devices.");
  const [kind, ...extra] = words;
  if (kind !== "users" && kind !== "devices") throw new UsageError(`Unknown kind "${kind}": users or devices.`);
  if (extra.length) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  const preview = given.has("--preview");
  if (preview && kind !== "users") throw new UsageError("Only a users sync can be previewed.");
  const organization = given.get("--organization");
  if (organization && given.has("--all"))
    throw new UsageError("--organization and --all: name one organization, or sync them all.");
  if (given.has("--concurrency") && !given.has("--all")) throw new UsageError("--concurrency goes with --all.");
  const target: Target = given.has("--all")
    ? { all: true, concurrency: concurrencyOf(given.get("--concurrency")) }
    : typeof organization === "string"
      ? { organization }
      : { only: true };
  return { action: "sync", kind, full: given.has("--full"), preview, target };
}
