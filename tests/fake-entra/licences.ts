// Licences as Graph shows them in a user's `assignedLicenses`: Microsoft's real SKU ids, so a test can
// recognise "Microsoft 365 E3" the way an administrator would.
import { mix, randomSequence } from "./ids";

export type AssignedLicense = { skuId: string; disabledPlans: string[] };

export const SKU_IDS = {
  microsoft365E3: "05e9a617-0261-4cee-bb44-138d3ef5d965",
  microsoft365E5: "06ebc4ee-1bb5-47dd-8120-11324bc54e06",
  exchangeOnlinePlan1: "4b9405b0-7788-4568-add1-99614e613b69",
} as const;

/** About one member in eight has no licence (left, on leave, not yet set up); guests never have one. */
export const UNLICENSED_MEMBER_SHARE = 0.12;

export const licences = (...skuIds: string[]): AssignedLicense[] =>
  skuIds.map((skuId) => ({ skuId, disabledPlans: [] }));

/** A generated user's licences, from their own random stream so that the rest of the user does not change. */
export function generatedLicences(tenantHash: number, index: number, isMember: boolean): AssignedLicense[] {
  const random = randomSequence(mix(tenantHash ^ 0x11ce5e, index));
  if (!isMember || random() < UNLICENSED_MEMBER_SHARE) return [];
  return licences(random() < 0.8 ? SKU_IDS.microsoft365E3 : SKU_IDS.microsoft365E5);
}
