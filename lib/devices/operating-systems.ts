/**
 * Graph's `operatingSystem` values as people say them. Entra writes what the device reported at
 * registration, so one platform arrives under several names ("MacMDM", "IPhone", "AndroidForWork");
 * unknown values show as they are.
 */
const labelsByGraphValue: Record<string, string> = {
  windows: "Windows",
  windowsphone: "Windows Phone",
  macmdm: "macOS",
  macos: "macOS",
  "mac os x": "macOS",
  ios: "iOS",
  iphone: "iOS",
  ipad: "iPadOS",
  ipados: "iPadOS",
  android: "Android",
  androidforwork: "Android",
  androidenterprise: "Android",
  androidaosp: "Android",
  linux: "Linux",
  chromeos: "ChromeOS",
};

export function operatingSystemLabel(graphValue: string): string;
export function operatingSystemLabel(graphValue: string | null): string | null;
export function operatingSystemLabel(graphValue: string | null) {
  if (graphValue === null) return null;
  return labelsByGraphValue[graphValue.trim().toLowerCase()] ?? graphValue;
}

/** "macOS 15.0.1": the label and the version, or null when Graph gave neither. */
export function operatingSystemWithVersion(device: {
  operatingSystem: string | null;
  operatingSystemVersion: string | null;
}) {
  return (
    [operatingSystemLabel(device.operatingSystem), device.operatingSystemVersion].filter(Boolean).join(" ") || null
  );
}

/** The stored values each label stands for, labels in alphabetical order: the device list's filter. */
export function groupByLabel(graphValues: string[]) {
  const groups = new Map<string, string[]>();
  for (const value of graphValues) {
    const label = operatingSystemLabel(value);
    groups.set(label, [...(groups.get(label) ?? []), value]);
  }
  return [...groups.entries()]
    .map(([label, values]) => ({ label, values }))
    .sort((a, b) => a.label.localeCompare(b.label, "en"));
}

/** The lower-cased Graph values these labels stand for ("Windows" → "windows"; "macOS" → "macmdm", "macos", …). */
export function graphValuesLabelled(labels: string[]) {
  return Object.keys(labelsByGraphValue).filter((value) => labels.includes(labelsByGraphValue[value]));
}
