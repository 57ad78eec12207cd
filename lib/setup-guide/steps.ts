// The setup guide's steps, in the order the help beside the Azure User Sync form numbers them. Messages name a
// step by its key ("guide step 3" comes from `guideStep("clientSecret")`), so the numbers never drift apart.
// No server-only import: the help is a client component.

export const setupSteps = [
  "register",
  "overviewIds",
  "clientSecret",
  "apiPermissions",
  "adminConsent",
  "enterHere",
] as const;

export type SetupStep = (typeof setupSteps)[number];

/** The number the help shows for this step. */
export const stepNumber = (step: SetupStep) => setupSteps.indexOf(step) + 1;

/** "guide step 3", as messages cite it. */
export const guideStep = (step: SetupStep) => `guide step ${stepNumber(step)}`;

/** "step 3 of the setup guide", for longer sentences. */
export const stepOfTheGuide = (step: SetupStep) => `step ${stepNumber(step)} of the setup guide`;
