import { expect, test } from "./fixtures";
import { signUp, uniqueAccount } from "./helpers";
import { pixel7, saveBankAccount, shot } from "./requester-helpers";

test.describe("location denied", () => {
  test.use({ ...pixel7, permissions: [], geolocation: undefined });

  test("says so clearly, offers placing yourself, and sends with the position typed in", async ({ page, context }, testInfo) => {
    await context.clearPermissions();
    const carol = uniqueAccount("nogeo", "Carol Nogeo");
    await signUp(page, carol);
    await saveBankAccount(page, "Carol Nogeo", "North Bank");
    await expect(page.getByTestId("geo-status")).toHaveAttribute("data-state", "denied");
    await expect(page.getByTestId("geo-status")).toContainText("Location access is blocked");
    await shot(page, testInfo, "position-denied-en");

    await page.getByTestId("tap-to-send").click();
    await expect(page.getByTestId("send-error")).toContainText("Enter a valid latitude and longitude: nothing was sent.");
    await expect(page.getByTestId("manual-latitude-error")).toContainText("Latitude is missing");

    await page.getByTestId("manual-latitude").fill("91");
    await page.getByTestId("manual-longitude").fill("2.35");
    await expect(page.getByTestId("manual-latitude-error")).toContainText("between -90 and 90");
    await page.getByTestId("manual-latitude").fill("48.86");
    await page.getByTestId("tap-to-send").click();
    await expect(page.getByTestId("request-status")).toContainText("Waiting for someone nearby to pick you");
  });
});

test.describe("a poor fix", () => {
  test.use({ ...pixel7, permissions: ["geolocation"], geolocation: { latitude: 43.2965, longitude: 5.3698, accuracy: 850 } });

  test("is treated like no fix: it says how rough it is and starts the placing from it", async ({ page }, testInfo) => {
    const dan = uniqueAccount("roughfix", "Dan Rough");
    await signUp(page, dan);
    await saveBankAccount(page, "Dan Rough", "South Bank");
    await expect(page.getByTestId("geo-poor")).toContainText("±850 m");
    await expect(page.getByTestId("manual-latitude")).toHaveValue("43.29650");
    await expect(page.getByTestId("manual-longitude")).toHaveValue("5.36980");

    // Tapping the small map, north of the rough fix, places the requester there.
    const picker = page.getByTestId("position-picker-map");
    await expect(picker).toHaveAttribute("data-latitude", /^43\.29/);
    await picker.scrollIntoViewIfNeeded();
    const box = (await picker.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2 - 40);
    await expect.poll(async () => Number(await page.getByTestId("manual-latitude").inputValue())).toBeGreaterThan(43.2966);
    expect(Number(await page.getByTestId("manual-longitude").inputValue())).toBeCloseTo(5.3698, 2);
    await shot(page, testInfo, "position-poor-fix-en");
    await page.getByTestId("tap-to-send").click();
    await expect(page.getByTestId("request-status")).toContainText("Waiting for someone nearby to pick you");
  });
});
