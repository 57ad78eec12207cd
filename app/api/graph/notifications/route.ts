import { clientAddressFrom } from "@/lib/auth/client-address";
import { receiveChangeNotifications } from "@/lib/graph-notifications";

/**
 * Microsoft Graph's change notifications on users and groups (and its validation request when a subscription
 * is made): answered within Graph's 3 seconds, as lib/graph-notifications/receive.ts says.
 */
export function POST(request: Request) {
  return receiveChangeNotifications(request, clientAddressFrom(request.headers));
}
