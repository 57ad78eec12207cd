// Microsoft Graph change notifications for connections in continuous mode: the subscriptions Vertask holds, their
// upkeep, and what the notification endpoints do with what Graph sends (docs/syncing.md, "Change notifications").
export { connectionsDueForMaintenance } from "./due-maintenance";
export { maintainGraphSubscriptions } from "./maintain";
export { receiveChangeNotifications, receiveLifecycleNotifications } from "./receive";
export { askForSubscriptionUpkeep } from "./upkeep-request";
