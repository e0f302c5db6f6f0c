import { signUp, uniqueAccount } from "./helpers";
import { expect, test } from "./fixtures";

test("after five wrong passwords the sign-in screen says the account is locked and when to try again, even for the right password", async ({
  page,
}) => {
  const account = uniqueAccount("locked", "Locked Out");
  await signUp(page, account);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const password = page.getByLabel("Password");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Phone number or username").fill(account.identification);
    await password.fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("do not match an account")).toBeVisible();
  }
  await password.fill(account.password);
  const answer = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "Sign in" }).click();
  const response = await answer;
  expect(response.status()).toBe(429);
  expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
  await expect(page.getByText(/this account is locked: try again in \d+ (s|min)/)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("another site cannot frame the desk", async ({ page }) => {
  const response = await page.goto("/processor");
  expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(response?.headers()["x-frame-options"]).toBe("DENY");
});
