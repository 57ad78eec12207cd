// What PostgreSQL going away looks like to postgres.js: a socket error, a closed connection, or the
// server's own "terminating connection" codes (57P01 admin shutdown, 57P02 crash, 57P03 starting up, 08xxx).
const lostConnectionCodes = [
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08006",
];

export const databaseLostMessage =
  "The database connection was lost mid-sync (PostgreSQL restarted or stopped). Every page written before that is kept; run the sync again.";

/** Whether an error (or its cause, as drizzle wraps driver errors) says the database went away. */
export function isDatabaseConnectionLost(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === "string" && lostConnectionCodes.includes(code)) return true;
    // An error that crossed the job engine arrives as words only.
    if (typeof message === "string" && lostConnectionCodes.some((c) => c.length > 5 && message.includes(c)))
      return true;
  }
  return false;
}
