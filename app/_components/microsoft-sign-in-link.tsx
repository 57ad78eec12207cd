import { secondaryButton } from "./button-styles";

/**
 * "Sign in with Microsoft": a plain link to the route that starts the sign-in (it works without JavaScript, and
 * an <a> is never prefetched, so no sign-in starts before a click).
 */
export function MicrosoftSignInLink({ href }: { href: string }) {
  return (
    <a href={href} className={`${secondaryButton} w-full justify-center gap-2`}>
      <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16">
        <rect x="0" y="0" width="7.5" height="7.5" fill="#f25022" />
        <rect x="8.5" y="0" width="7.5" height="7.5" fill="#7fba00" />
        <rect x="0" y="8.5" width="7.5" height="7.5" fill="#00a4ef" />
        <rect x="8.5" y="8.5" width="7.5" height="7.5" fill="#ffb900" />
      </svg>
      Sign in with Microsoft
    </a>
  );
}
