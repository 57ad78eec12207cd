// How long a record's history is kept: VERTASK_HISTORY_DAYS, read by the daily pruning and checked as a server starts.

type Environment = Record<string, string | undefined>;

const HISTORY_DAYS_VARIABLE = "VERTASK_HISTORY_DAYS";
const DEFAULT_HISTORY_DAYS = 400;
// A hundred years: any longer is "keep everything", which this is already.
const MOST_HISTORY_DAYS = 36_500;

/** What is wrong with VERTASK_HISTORY_DAYS, in a sentence; null when it is unset or a usable number. */
export function historyRetentionProblem(env: Environment = process.env): string | null {
  const value = env[HISTORY_DAYS_VARIABLE]?.trim();
  if (!value) return null;
  const days = Number(value);
  if (/^\d+$/.test(value) && days >= 1 && days <= MOST_HISTORY_DAYS) return null;
  return `${HISTORY_DAYS_VARIABLE} must be a whole number of days from 1 to ${MOST_HISTORY_DAYS.toLocaleString("en")} (how long each record's history is kept; default ${DEFAULT_HISTORY_DAYS}), not "${value}".`;
}

/** The days a record's history is kept; throws the problem's sentence for a bad value. */
export function historyRetentionDays(env: Environment = process.env): number {
  const problem = historyRetentionProblem(env);
  if (problem) throw new Error(problem);
  const value = env[HISTORY_DAYS_VARIABLE]?.trim();
  return value ? Number(value) : DEFAULT_HISTORY_DAYS;
}
