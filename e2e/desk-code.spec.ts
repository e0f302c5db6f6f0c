import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { makeQrClip } from "../scripts/make-qr-clip";
import { expect, test, watchCsp } from "./fixtures";
import { signUp, snap, uniqueAccount } from "./helpers";
import { apiAccount, apiSubmit, desktopContext, listEntry, north, registerDesk, sentRequestId } from "./processor-helpers";
import { pixel7, processorDesk, saveBankAccount, shot } from "./requester-helpers";

// A street of its own, away from the other specs' desks.
const shop = { latitude: 51.5072, longitude: -0.1276 };

test.describe("send to a desk by code, location denied", () => {
  test.use({ ...pixel7, permissions: [], geolocation: undefined });

  test("a typed code sends to that desk alone: the desk next door sees it neither live nor pulled", async ({
    page,
    context,
    browser,
    baseURL,
  }, testInfo) => {
    await context.clearPermissions();
    const targetContext = await desktopContext(browser, baseURL, shop);
    const target = await targetContext.newPage();
    await signUp(target, uniqueAccount("desk", "Counter One"));
    await registerDesk(target);
    const code = await target.getByTestId("desk-code").getAttribute("data-code");
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    await expect(target.getByTestId("desk-code-qr")).toHaveAttribute("data-text", `${baseURL}/?desk=${code}`);
    await snap(target, testInfo, "desk-with-code-and-qr");

    // The desk next door (20 m) watches its live list; another pulls by type over the API.
    const neighbourContext = await desktopContext(browser, baseURL, north(shop, 20));
    const neighbour = await neighbourContext.newPage();
    await signUp(neighbour, uniqueAccount("desk", "Next Door"));
    await registerDesk(neighbour);
    const puller = await processorDesk(baseURL!, north(shop, 30));

    await signUp(page, uniqueAccount("bycode", "Dana Bycode"));
    await expect(page.getByTestId("geo-status")).toHaveAttribute("data-state", "denied");
    await expect(page.getByTestId("desk-code-offer")).toContainText("Send to the desk in front of you by its code");
    await shot(page, testInfo, "phone-location-denied-offers-code");

    await page.getByTestId("desk-code-input").fill("ABC");
    await page.getByTestId("desk-code-use").click();
    await expect(page.getByTestId("desk-code-error")).toContainText("A desk code has 8 letters and digits");
    await page.getByTestId("desk-code-input").fill("ZZZZ-ZZZZ");
    await page.getByTestId("desk-code-use").click();
    await expect(page.getByTestId("desk-code-error")).toContainText("No desk has this code");
    // As it would be read aloud: lower case, with a dash.
    await page.getByTestId("desk-code-input").fill(`${code!.slice(0, 4).toLowerCase()}-${code!.slice(4).toLowerCase()}`);
    await page.getByTestId("desk-code-use").click();
    await expect(page.getByTestId("desk-code-target")).toHaveAttribute("data-code", code!);
    await saveBankAccount(page, "Dana Bycode", "Code Bank");
    await shot(page, testInfo, "phone-sending-to-desk");
    await page.getByTestId("tap-to-send").click();
    const requestId = await sentRequestId(page);
    await expect(page.getByTestId("request-status")).toContainText("Waiting");

    await expect(listEntry(target, requestId)).toBeVisible();
    await snap(target, testInfo, "desk-sees-request-sent-by-code");

    // The neighbour's list is live: an ordinary request at the shop reaches it, the one sent by code did not.
    const walkIn = await apiSubmit(await apiAccount(baseURL!, "Walk In"), shop);
    await expect(listEntry(neighbour, walkIn.id)).toBeVisible();
    await expect(listEntry(target, walkIn.id)).toBeVisible();
    await expect(listEntry(neighbour, requestId)).toHaveCount(0);
    await snap(neighbour, testInfo, "neighbour-desk-does-not-see-it");
    const pulled = await puller.api.list.byType.query({ type: "BANK_ACCOUNT" });
    expect(pulled.map((r) => r.id)).toContain(walkIn.id);
    expect(pulled.map((r) => r.id)).not.toContain(requestId);

    await targetContext.close();
    await neighbourContext.close();
  });

  test("opening the QR code's link prefills the code", async ({ page, context, baseURL }, testInfo) => {
    await context.clearPermissions();
    const desk = await processorDesk(baseURL!, north(shop, -3000));
    const { code } = await desk.api.processor.deskCode.query();
    await signUp(page, uniqueAccount("bylink", "Eli Bylink"));
    await page.goto(`/?desk=${code}`);
    await expect(page.getByTestId("desk-code-target")).toHaveAttribute("data-code", code);
    expect(new URL(page.url()).searchParams.get("desk")).toBeNull();
    await shot(page, testInfo, "phone-prefilled-from-link");
  });
});

test("the QR code scanned through the camera sends to that desk alone", async ({ baseURL, cspViolations }, testInfo) => {
  const desk = await processorDesk(baseURL!, north(shop, 5000));
  const other = await processorDesk(baseURL!, north(shop, 5010));
  const { code } = await desk.api.processor.deskCode.query();
  const clip = join(mkdtempSync(join(tmpdir(), "nearby-qr-")), "desk.y4m");
  makeQrClip(`${baseURL}/?desk=${code}`, clip);

  // Its own browser: the fake camera plays the clip of the desk's QR code.
  const camera = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-video-capture=${clip}`,
    ],
  });
  try {
    const context = await camera.newContext({ ...pixel7, baseURL, locale: "en-GB", permissions: ["camera"] });
    await watchCsp(context, cspViolations);
    const page = await context.newPage();
    await signUp(page, uniqueAccount("byqr", "Finn Byqr"));
    await expect(page.getByTestId("desk-code-offer")).toBeVisible();
    await page.getByTestId("desk-code-scan").click();
    await expect(page.getByTestId("desk-code-target")).toHaveAttribute("data-code", code);
    await shot(page, testInfo, "phone-scanned-desk-qr");
    await saveBankAccount(page, "Finn Byqr", "Scan Bank");
    await page.getByTestId("tap-to-send").click();
    const requestId = await sentRequestId(page);
    expect((await desk.api.list.byType.query({ type: "BANK_ACCOUNT" })).map((r) => r.id)).toContain(requestId);
    expect((await other.api.list.byType.query({ type: "BANK_ACCOUNT" })).map((r) => r.id)).not.toContain(requestId);
  } finally {
    await camera.close();
  }
});
