// npm run create-superuser [-- --name "Sam Admin" --email sam@msp.example]
// Creates a superuser from the server's command line, first run or not (a way back in when every superuser
// is locked out). What flags do not give is taken from VERTASK_SUPERUSER_NAME, VERTASK_SUPERUSER_EMAIL and
// VERTASK_SUPERUSER_PASSWORD, then asked for: at a terminal (the password without echo, twice), or one line
// each from piped stdin. The password is never a flag: argv is visible to every user of the machine (ps).
import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDatabase } from "@/db/client";
import { ActionRefused } from "@/lib/auth/action-refused";
import { FieldError } from "@/lib/auth/field-error";
import { createSuperuserFromCommandLine } from "@/lib/staff/commands";
import { staffMemberInput } from "@/lib/staff/schemas";
import { openAnswers } from "./answers";

const usage =
  'Usage: npm run create-superuser [-- --name "Full Name" --email name@example.com]  (the password is asked for, or read from stdin)';

async function collectInput() {
  const { values } = parseArgs({
    options: { name: { type: "string" }, email: { type: "string" }, password: { type: "string" } },
    strict: true,
  });
  if (values.password !== undefined)
    throw new ActionRefused(
      "A password on the command line is visible to every user of this machine: leave out --password, and type it or pipe it on stdin.",
    );
  const answers = openAnswers();
  try {
    const name = values.name ?? process.env.VERTASK_SUPERUSER_NAME ?? (await answers.ask("Name: "));
    const email = values.email ?? process.env.VERTASK_SUPERUSER_EMAIL ?? (await answers.ask("Email: "));
    let password = process.env.VERTASK_SUPERUSER_PASSWORD;
    if (password === undefined) {
      password = await answers.ask("Password (at least 12 characters): ", { hidden: true });
      if (process.stdin.isTTY && (await answers.ask("Password again: ", { hidden: true })) !== password) {
        throw new ActionRefused("The two passwords are not the same.");
      }
    }
    return { name, email, password };
  } finally {
    answers.close();
  }
}

async function main() {
  const parsed = staffMemberInput.omit({ role: true }).safeParse(await collectInput());
  if (!parsed.success) {
    for (const [field, messages] of Object.entries(z.flattenError(parsed.error).fieldErrors))
      console.error(`${field}: ${(messages as string[]).join(" ")}`);
    return 1;
  }
  await createSuperuserFromCommandLine(parsed.data);
  console.log(`Created superuser ${parsed.data.name} <${parsed.data.email}>: they can sign in now.`);
  return 0;
}

main()
  .catch((error) => {
    if (error instanceof FieldError)
      for (const [field, message] of Object.entries(error.fields)) console.error(`${field}: ${message}`);
    else if (error instanceof ActionRefused) console.error(error.message);
    else if (error instanceof TypeError && "code" in error) console.error(`${error.message}\n${usage}`);
    else console.error(error instanceof Error ? error.message : error);
    return 1;
  })
  .then(async (code) => {
    await closeDatabase();
    process.exit(code);
  });
