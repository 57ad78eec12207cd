// The objects of a generated tenant, each computed from (seed, index) when asked for: a tenant of any
// size costs no memory until something in it changes.
import { deterministicGuid, mix, objectId, randomSequence } from "./ids";
import { generatedLicences, type AssignedLicense } from "./licences";
import { DEPARTMENTS, GUEST_DOMAINS, JOB_TITLES, NAME_SCRIPTS, OFFICES, type NameScript } from "./names";
import { asServiceAccount, placeServiceAccounts, type ServiceAccount } from "./service-accounts";

export type FakeUser = {
  id: string;
  displayName: string | null;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  userPrincipalName: string;
  userType: "Member" | "Guest";
  accountEnabled: boolean;
  jobTitle: string | null;
  department: string | null;
  companyName: string | null;
  officeLocation: string | null;
  mobilePhone: string | null;
  businessPhones: string[];
  preferredLanguage: string | null;
  externalUserState: "Accepted" | "PendingAcceptance" | null;
  createdDateTime: string;
  assignedLicenses: AssignedLicense[];
};

export type FakeDevice = {
  id: string;
  deviceId: string;
  displayName: string;
  operatingSystem: string;
  operatingSystemVersion: string;
  trustType: "Workplace" | "AzureAd" | "ServerAd";
  isManaged: boolean | null;
  isCompliant: boolean | null;
  accountEnabled: boolean;
  approximateLastSignInDateTime: string | null;
  registrationDateTime: string;
  manufacturer: string | null;
  model: string | null;
};

export type TenantShape = {
  tenantHash: number;
  domain: string;
  companyName: string;
  userCount: number;
  deviceCount: number;
  /** Generated members that are service accounts instead, by index (see service-accounts.ts). */
  serviceAccounts: ReadonlyMap<number, ServiceAccount>;
};

type Random = () => number;
const pick = <T>(list: readonly T[], random: Random): T => list[Math.floor(random() * list.length)];
const TOTAL_WEIGHT = NAME_SCRIPTS.reduce((sum, script) => sum + script.weight, 0);
const EPOCH = Date.UTC(2025, 5, 1);
const DAY = 24 * 3600 * 1000;

function pickScript(random: Random): NameScript {
  let roll = random() * TOTAL_WEIGHT;
  for (const script of NAME_SCRIPTS) {
    roll -= script.weight;
    if (roll < 0) return script;
  }
  return NAME_SCRIPTS[0];
}

export const daysBefore = (random: Random, maxDays: number) =>
  new Date(EPOCH - Math.floor(random() * maxDays) * DAY).toISOString().replace(".000Z", "Z");
const digits = (random: Random, count: number) =>
  Array.from({ length: count }, () => Math.floor(random() * 10)).join("");

/** The shape of a generated tenant, its service accounts placed among its enabled members. */
export function tenantShape(base: Omit<TenantShape, "serviceAccounts">): TenantShape {
  const people: TenantShape = { ...base, serviceAccounts: new Map() };
  const isEnabledMember = (index: number) => {
    const user = generatePerson(people, index);
    return user.userType === "Member" && user.externalUserState === null && user.accountEnabled;
  };
  return { ...base, serviceAccounts: placeServiceAccounts(base.tenantHash, base.userCount, isEnabledMember) };
}

export function generateUser(shape: TenantShape, index: number): FakeUser {
  const person = generatePerson(shape, index);
  const account = shape.serviceAccounts.get(index);
  return account ? asServiceAccount(person, account, shape.domain) : person;
}

function generatePerson(shape: TenantShape, index: number): FakeUser {
  const random = randomSequence(mix(shape.tenantHash ^ 0x05eed, index));
  const script = pickScript(random);
  const given = pick(script.given, random);
  const family = pick(script.family, random);
  const displayName = script.familyFirst ? `${family.native}${given.native}` : `${given.native} ${family.native}`;
  const local = `${given.latin}.${family.latin}`.toLowerCase().replace(/[^a-z0-9.]/g, "");
  const roll = random();
  const isExternal = roll < 0.09;
  const guestDomain = pick(GUEST_DOMAINS, random);
  const externalMail = `${local}${index}@${guestDomain}`;
  const userType = roll < 0.08 ? "Guest" : "Member";
  return {
    id: objectId(shape.tenantHash, "user", index),
    displayName,
    givenName: given.native,
    surname: family.native,
    mail: isExternal ? externalMail : random() < 0.05 ? null : `${local}${index}@${shape.domain}`,
    // Invited B2B users carry #EXT#; a few are invited as Members, so userType alone does not tell.
    userPrincipalName: isExternal
      ? `${externalMail.replace("@", "_")}#EXT#@${shape.domain}`
      : `${local}${index}@${shape.domain}`,
    userType,
    accountEnabled: random() >= 0.06,
    jobTitle: isExternal ? null : pick(JOB_TITLES, random),
    department: isExternal ? null : pick(DEPARTMENTS, random),
    companyName: isExternal ? null : shape.companyName,
    officeLocation: isExternal ? null : pick(OFFICES, random),
    mobilePhone: random() < 0.6 ? `+44 7700 9${digits(random, 5)}` : null,
    businessPhones: random() < 0.7 ? [`+1 425 555 0${digits(random, 3)}`] : [],
    preferredLanguage: script.language,
    externalUserState: isExternal ? (random() < 0.8 ? "Accepted" : "PendingAcceptance") : null,
    createdDateTime: daysBefore(random, 3000),
    assignedLicenses: generatedLicences(shape.tenantHash, index, userType === "Member" && !isExternal),
  };
}

type Platform = { weight: number; os: string; versions: string[]; makers: [string | null, string | null][] };

const PLATFORMS: Platform[] = [
  {
    weight: 55,
    os: "Windows",
    versions: ["10.0.19045.5011", "10.0.22631.4317", "10.0.26100.2033"],
    makers: [
      ["Dell Inc.", "Latitude 7440"],
      ["LENOVO", "ThinkPad T14 Gen 4"],
      ["HP", "EliteBook 840 G10"],
      ["Microsoft Corporation", "Surface Laptop 5"],
    ],
  },
  {
    weight: 15,
    os: "iOS",
    versions: ["17.5.1", "18.0", "18.1.1"],
    makers: [
      ["Apple", "iPhone 15"],
      ["Apple", "iPhone 14 Pro"],
      ["Apple", "iPad Air"],
    ],
  },
  {
    weight: 15,
    os: "Android",
    versions: ["13", "14", "15"],
    makers: [
      ["samsung", "SM-S921B"],
      ["Google", "Pixel 8"],
      ["motorola", "moto g84"],
    ],
  },
  {
    weight: 10,
    os: "MacMDM",
    versions: ["14.5", "15.0.1"],
    makers: [
      ["Apple", "MacBook Pro"],
      ["Apple", "MacBook Air"],
    ],
  },
  { weight: 5, os: "Linux", versions: ["22.04", "24.04"], makers: [[null, null]] },
];

export function generateDevice(shape: TenantShape, index: number): FakeDevice {
  const random = randomSequence(mix(shape.tenantHash ^ 0xde71ce, index));
  let roll = random() * 100;
  const platform = PLATFORMS.find((p) => (roll -= p.weight) < 0) ?? PLATFORMS[0];
  const [manufacturer, model] = pick(platform.makers, random);
  const isWindows = platform.os === "Windows";
  const suffix = Math.floor(random() * 36 ** 7)
    .toString(36)
    .toUpperCase()
    .padStart(7, "0");
  const managed = random() < (isWindows || platform.os === "MacMDM" ? 0.8 : 0.6);
  const trustRoll = random();
  return {
    id: objectId(shape.tenantHash, "device", index),
    deviceId: deterministicGuid(shape.tenantHash, "deviceId", index),
    displayName: isWindows
      ? `${random() < 0.5 ? "DESKTOP" : "LAPTOP"}-${suffix}`
      : `${model ?? "linux-ws"}-${suffix.slice(0, 4)}`,
    operatingSystem: platform.os,
    operatingSystemVersion: pick(platform.versions, random),
    trustType: isWindows ? (trustRoll < 0.5 ? "AzureAd" : trustRoll < 0.8 ? "ServerAd" : "Workplace") : "Workplace",
    isManaged: managed,
    isCompliant: managed ? random() < 0.85 : null,
    accountEnabled: random() >= 0.04,
    approximateLastSignInDateTime: random() < 0.03 ? null : daysBefore(random, 120),
    registrationDateTime: daysBefore(random, 1500),
    manufacturer,
    model,
  };
}

/** The user who owns a generated device ("currently, there can be only one owner"); some have none. */
export function generatedOwnerIndexes(shape: TenantShape, deviceIndex: number): number[] {
  if (shape.userCount === 0) return [];
  const random = randomSequence(mix(shape.tenantHash ^ 0x0e11e5, deviceIndex));
  return random() < 0.75 ? [Math.floor(random() * shape.userCount)] : [];
}
