import "server-only";
import { staffExists } from "./queries";
import { currentSetupCode, setupCodeSource } from "./setup-code";

type Environment = Record<string, string | undefined>;

/**
 * Told at every server start while nobody has claimed this instance: the code is what keeps a stranger
 * who finds a fresh deployment from making themselves its superuser. A code the operator chose
 * (VERTASK_SETUP_CODE) is named, never printed: logs travel further than environment variables.
 */
export async function announceSetupCode(log: (line: string) => void = console.log, env: Environment = process.env) {
  try {
    if (await staffExists()) return;
    // Read even when it is not shown: a chosen code too short to use is refused here, at start.
    const code = currentSetupCode(env);
    const shown = setupCodeSource(env) === "VERTASK_SETUP_CODE" ? "the value of VERTASK_SETUP_CODE" : code;
    log(`Vertask has no staff yet. Open /setup and create the first superuser with the setup code: ${shown}`);
    log("(`npm run setup-code` prints it again; `npm run create-superuser` creates one from the command line.)");
  } catch (error) {
    log(`Vertask's first-run setup is not ready: ${error instanceof Error ? error.message : String(error)}`);
  }
}
