import { request } from "@playwright/test";
import { fakeEntraUrl } from "../../playwright.config";

/** Calls the fake tenant's control API (tests/fake-entra/control.ts) from a browser test. */
export async function fakeTenant<T>(operation: string, body: Record<string, unknown> = {}): Promise<T> {
  const context = await request.newContext({ ignoreHTTPSErrors: true });
  const response = await context.post(`${fakeEntraUrl}/_control/${operation}`, { data: body });
  const { result } = await response.json();
  await context.dispose();
  return result as T;
}

export type FakeUser = {
  id: string;
  displayName: string;
  userType: string | null;
  userPrincipalName: string;
  accountEnabled: boolean;
};

/** The first enabled member of the fake tenant: someone a users sync brings in as an active client. */
export async function firstEnabledMember() {
  for (let index = 0; index < 40; index++) {
    const id = await fakeTenant<string>("userIdAt", { index });
    const { value: user } = await fakeTenant<{ value: FakeUser }>("getUser", { id });
    if (user.userType !== "Guest" && !user.userPrincipalName.includes("#EXT#") && user.accountEnabled) return user;
  }
  throw new Error("The fake tenant has no enabled member");
}
