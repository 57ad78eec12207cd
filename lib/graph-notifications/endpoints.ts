import { appUrl } from "@/lib/mail/app-url";

/** Where Graph posts change notifications and lifecycle notifications (app/api/graph/…/route.ts). */
export const NOTIFICATION_PATH = "/api/graph/notifications";
const LIFECYCLE_PATH = "/api/graph/lifecycle";

/**
 * The app's notification URLs, or null when APP_URL is not https: Graph sends notifications only to an HTTPS
 * endpoint it can reach, so without one continuous mode polls instead.
 */
export function notificationUrls(): { notificationUrl: string; lifecycleNotificationUrl: string } | null {
  const base = appUrl();
  if (!/^https:\/\//i.test(base)) return null;
  return { notificationUrl: `${base}${NOTIFICATION_PATH}`, lifecycleNotificationUrl: `${base}${LIFECYCLE_PATH}` };
}
