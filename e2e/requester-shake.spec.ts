import { expect, test } from "./fixtures";
import { signUp, uniqueAccount } from "./helpers";
import { motionTrace, pixel7, playTrace, saveBankAccount, shot } from "./requester-helpers";

// A shop in Lyon: no other spec places desks or requesters here.
const shop = { latitude: 45.764, longitude: 4.8357 };

// As on an Android phone, where Chrome lets sites read the motion sensors without asking.
test.use({ ...pixel7, permissions: ["geolocation", "accelerometer"], geolocation: { ...shop, accuracy: 15 } });

test("a deliberate shake sends exactly one request; a gentle wiggle, walking and a bump send none", async ({ page }, testInfo) => {
  const alice = uniqueAccount("shaker", "Alice Shaker");
  await signUp(page, alice);
  await saveBankAccount(page);
  await expect(page.getByTestId("geo-status")).toHaveAttribute("data-state", "ok");
  await expect(page.getByTestId("shake-control")).toHaveAttribute("data-support", "listening");
  await expect(page.getByTestId("shake-control")).toContainText("Shake your phone to send.");
  await shot(page, testInfo, "wallet-en");

  for (const label of ["gentle-shake", "walking", "single-bump", "put-down-on-table"]) {
    await test.step(`${label}: nothing is sent`, async () => {
      await playTrace(page, motionTrace(label));
      await expect(page.getByTestId("shake-control")).toHaveAttribute("data-shakes", "0");
      await expect(page.getByTestId("send-form")).toBeVisible();
    });
  }
  await expect(page.getByTestId("no-requests")).toBeVisible();

  await test.step("a deliberate shake (after Chromium's null event) sends one request", async () => {
    await playTrace(page, motionTrace("deliberate-shake-after-null"));
    await expect(page.getByTestId("request-status")).toContainText("Waiting for someone nearby to pick you");
    await expect(page.getByTestId("my-request")).toHaveCount(1);
    await shot(page, testInfo, "waiting-after-shake-en");
  });

  await test.step("shaking again on the status screen sends nothing more", async () => {
    await playTrace(page, motionTrace("deliberate-shake"));
    await page.waitForTimeout(1000);
    await page.reload();
    await expect(page.getByTestId("my-request")).toHaveCount(1);
  });
});

test("a long shake and a second shake right after it still send one request", async ({ page }) => {
  const bob = uniqueAccount("shaker", "Bob Shaker");
  await signUp(page, bob);
  await saveBankAccount(page, "Bob Shaker", "East Bank", "DE89 3704 0044 0532 0130 00");
  await expect(page.getByTestId("geo-status")).toHaveAttribute("data-state", "ok");
  await expect(page.getByTestId("shake-control")).toHaveAttribute("data-support", "listening");
  await playTrace(page, motionTrace("second-shake-within-2s"));
  await expect(page.getByTestId("request-status")).toContainText("Waiting");
  await page.reload();
  await expect(page.getByTestId("my-request")).toHaveCount(1);
});

test.describe("where the platform asks for motion permission (iOS)", () => {
  /** iOS's API shape: requestPermission() exists, and the Permissions API does not know the accelerometer. */
  function iosMotion(answer: "granted" | "denied") {
    return `
      window.__motionAsked = 0;
      DeviceMotionEvent.requestPermission = async () => { window.__motionAsked++; return ${JSON.stringify(answer)}; };
      const query = navigator.permissions.query.bind(navigator.permissions);
      navigator.permissions.query = (d) => d && d.name === "accelerometer" ? Promise.reject(new TypeError("unsupported")) : query(d);
    `;
  }

  test("offers an “enable shake” step; once allowed, a shake sends", async ({ page }, testInfo) => {
    await page.addInitScript(iosMotion("granted"));
    await signUp(page, uniqueAccount("ios", "Ivy Ios"));
    await saveBankAccount(page, "Ivy Ios", "Apple Bank");
    await expect(page.getByTestId("shake-control")).toHaveAttribute("data-support", "needs-permission");
    await shot(page, testInfo, "shake-enable-step-en");
    await page.getByTestId("shake-enable").click();
    await expect(page.getByTestId("shake-control")).toHaveAttribute("data-support", "listening");
    expect(await page.evaluate(() => (window as unknown as { __motionAsked: number }).__motionAsked)).toBe(1);
    await playTrace(page, motionTrace("deliberate-shake"));
    await expect(page.getByTestId("request-status")).toContainText("Waiting");
  });

  test("when motion is refused, it says so and the tap path sends", async ({ page }) => {
    await page.addInitScript(iosMotion("denied"));
    await signUp(page, uniqueAccount("ios", "Ian Ios"));
    await saveBankAccount(page, "Ian Ios", "Pear Bank");
    await page.getByTestId("shake-enable").click();
    await expect(page.getByTestId("shake-control")).toHaveAttribute("data-support", "denied");
    await expect(page.getByTestId("shake-control")).toContainText("Motion access was not allowed: use the button to send.");
    await playTrace(page, motionTrace("deliberate-shake"));
    await expect(page.getByTestId("send-form")).toBeVisible();
    await page.getByTestId("tap-to-send").click();
    await expect(page.getByTestId("request-status")).toContainText("Waiting");
  });
});
