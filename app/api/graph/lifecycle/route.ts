import { clientAddressFrom } from "@/lib/auth/client-address";
import { receiveLifecycleNotifications } from "@/lib/graph-notifications";

/** Graph's lifecycle notifications (reauthorizationRequired, subscriptionRemoved, missed) and its validation request. */
export function POST(request: Request) {
  return receiveLifecycleNotifications(request, clientAddressFrom(request.headers));
}
