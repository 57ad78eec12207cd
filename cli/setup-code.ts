// npm run setup-code
// Prints the code the first-run page (/setup) asks for, while no staff exists; the same code every app
// host prints at start (lib/staff/setup-code.ts). Exit code 1 once Vertask is set up: the code no longer works.
import { closeDatabase } from "@/db/client";
import { staffExists } from "@/lib/staff/queries";
import { currentSetupCode } from "@/lib/staff/setup-code";

async function main() {
  if (await staffExists()) {
    console.error(
      "Vertask is already set up: the setup code no longer works. Sign in, or use `npm run create-superuser`.",
    );
    return 1;
  }
  console.log(`Setup code: ${currentSetupCode()}`);
  console.log("Open /setup in the browser and enter it to create the first superuser.");
  return 0;
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  })
  .then(async (code) => {
    await closeDatabase();
    process.exit(code);
  });
