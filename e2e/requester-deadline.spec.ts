import { expect, test } from "./fixtures";
import { signUp, uniqueAccount } from "./helpers";
import { pixel7, saveBankAccount, shot } from "./requester-helpers";

const station = { latitude: 50.6292, longitude: 3.0573 };
test.use({ ...pixel7, permissions: ["geolocation"], geolocation: { ...station, accuracy: 20 } });

test("an agreed processing time counts down live, and the request visibly expires when it runs out", async ({ page }, testInfo) => {
  const erin = uniqueAccount("deadline", "Erin Deadline");
  await signUp(page, erin);
  await saveBankAccount(page, "Erin Deadline", "South Bank");
  await expect(page.getByTestId("geo-status")).toHaveAttribute("data-state", "ok");

  await page.getByLabel("Agreed processing time").selectOption("custom");
  await page.getByTestId("deadline-minutes").fill("2000");
  await expect(page.getByTestId("deadline-minutes-error")).toContainText("between 0.5 and 1440");
  await page.getByTestId("deadline-minutes").fill("0.5");
  await expect(page.getByTestId("deadline-minutes-error")).toHaveCount(0);
  await page.getByTestId("tap-to-send").click();

  const countdown = page.getByTestId("request-countdown");
  await expect(countdown).toHaveText(/^0:[0-3]\d$/);
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first ?? "", { timeout: 3000 });
  await shot(page, testInfo, "deadline-countdown-en");

  await expect(page.getByTestId("expired-heading")).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId("requester-session")).toHaveAttribute("data-phase", "expired");
  await expect(page.getByTestId("cancel-request")).toHaveCount(0);
  await expect(page.getByTestId("my-request").first()).toContainText("Expired");
  await shot(page, testInfo, "deadline-expired-en");
});
