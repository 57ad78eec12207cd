// Answers a command-line tool asks for: typed at a terminal (a password without echo), or read line by
// line from piped stdin, so a script can feed them without putting a password in argv.
import { createInterface, type Interface } from "node:readline";
import { Writable } from "node:stream";

export type Answers = { ask: (question: string, options?: { hidden?: boolean }) => Promise<string>; close: () => void };

/** Terminal answers; a hidden answer is echoed as nothing. */
function terminalAnswers(): Answers {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const lines: Interface = createInterface({ input: process.stdin, output, terminal: true });
  return {
    ask: (question, { hidden = false } = {}) =>
      new Promise((resolve) => {
        // A hidden question is written past readline, which then echoes nothing until the answer is in.
        if (hidden) process.stdout.write(question);
        muted = hidden;
        lines.question(hidden ? "" : question, (answer) => {
          if (muted) process.stdout.write("\n");
          muted = false;
          resolve(answer);
        });
      }),
    close: () => lines.close(),
  };
}

/** Piped answers: one line each, in the order asked. */
function pipedAnswers(): Answers {
  const lines = createInterface({ input: process.stdin, terminal: false });
  const iterator = lines[Symbol.asyncIterator]();
  return {
    ask: async (question) => {
      const next = await iterator.next();
      if (next.done) throw new Error(`No answer on stdin for "${question.replace(/:\s*$/, "")}".`);
      return next.value;
    },
    close: () => lines.close(),
  };
}

export function openAnswers(): Answers {
  return process.stdin.isTTY ? terminalAnswers() : pipedAnswers();
}
