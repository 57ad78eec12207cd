// A client's "Sign in with Microsoft" to the portal, from the button to the verified person: which organization's
// app and tenant it goes through (chosen by the invitation's link or the work address's domain), the sign-in itself
// (lib/microsoft-sign-in), and the portal's rule for who is let in (lib/portal/microsoft-sign-in-match.ts).
export { microsoftSignInOffered, organizationOfWorkEmail } from "./organization";
export { finishPortalMicrosoftSignIn, startPortalMicrosoftSignIn } from "./sign-in";
