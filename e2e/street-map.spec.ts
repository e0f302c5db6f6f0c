import type { Page, TestInfo } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signUp, uniqueAccount } from "./helpers";
import { apiAccount, apiSubmit, desktopContext, mapMarker, north, registerDesk } from "./processor-helpers";
import { pixel7, saveBankAccount } from "./requester-helpers";
import { tileOrigin } from "./tile-fixture";

// The app runs with MAP_TILE_URL at the local tile fixture (playwright.config.ts). Each test works in its own town.

/** A screenshot attached to the report (and kept in the test's output folder). */
async function attachShot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

const fixtureTiles = (page: Page, scope = "") => page.locator(`${scope} img.leaflet-tile.leaflet-tile-loaded[src^="${tileOrigin}/"]`.trim());

test("the desk map draws the configured street tiles, credits them, and the CSP allows their origin alone", async ({
  browser,
  baseURL,
}, testInfo) => {
  // Dijon: the shared Lyon square would show other specs' requests.
  const desk = { latitude: 47.322, longitude: 5.0415 };
  const context = await desktopContext(browser, baseURL, desk);
  const page = await context.newPage();
  try {
    await signUp(page, uniqueAccount("desk", "Lyon Desk"));
    await registerDesk(page, "1000");
    const map = page.getByTestId("desk-map");
    await expect(map).toHaveAttribute("data-background", "tiles");
    await expect.poll(() => fixtureTiles(page, '[data-testid="desk-map"]').count()).toBeGreaterThan(3);
    // Drawn, not just requested: the fixture's 256-pixel PNGs decoded.
    const widths = await fixtureTiles(page, '[data-testid="desk-map"]').evaluateAll((images) =>
      images.map((i) => (i as HTMLImageElement).naturalWidth),
    );
    expect(new Set(widths)).toEqual(new Set([256]));
    const credit = map.locator(".leaflet-control-attribution a", { hasText: "© OpenStreetMap contributors" });
    await expect(credit).toBeVisible();
    await expect(credit).toHaveAttribute("href", "https://www.openstreetmap.org/copyright");
    await expect(map.getByTestId("map-tiles-failed")).toHaveCount(0);
    await attachShot(page, testInfo, "desk-map-street-tiles");

    // The run-time tile origin is in img-src, on the pages and on the API path (the custom server), and nothing else is.
    const pagePolicy = (await page.request.get("/processor")).headers()["content-security-policy"] ?? "";
    const apiPolicy = (await page.request.get("/api/trpc/account.me")).headers()["content-security-policy"] ?? "";
    for (const policy of [pagePolicy, apiPolicy]) expect(policy).toContain(`img-src 'self' data: blob: ${tileOrigin};`);
  } finally {
    await context.close();
  }
});

test("tile server down: the maps fall back to the bundled countries and say so (en, zh-CN)", async ({ browser, baseURL }, testInfo) => {
  const desk = { latitude: 43.6047, longitude: 1.4442 };
  const context = await desktopContext(browser, baseURL, desk);
  let refused = 0;
  await context.route(`${tileOrigin}/**`, (route) => {
    refused += 1;
    return route.abort("connectionrefused");
  });
  const page = await context.newPage();
  try {
    await signUp(page, uniqueAccount("desk", "Toulouse Desk"));
    await registerDesk(page, "1000");
    const map = page.getByTestId("desk-map");
    await expect(map).toHaveAttribute("data-background", "fallback");
    await expect(map.getByTestId("map-tiles-failed")).toHaveText("The street map could not be loaded, so the map shows country outlines only.");
    await expect(map.locator(".leaflet-offline-basemap-pane path").first()).toBeAttached();
    await expect(map.locator(".leaflet-control-attribution")).toContainText("Natural Earth");
    await expect(map.locator("img.leaflet-tile")).toHaveCount(0);
    expect(refused).toBeGreaterThan(0);
    await attachShot(page, testInfo, "desk-map-tiles-failed-en");

    // The same note in Chinese, on the screen in zh-CN.
    await context.addCookies([{ name: "nx-locale", value: "zh-CN", url: baseURL! }]);
    await page.reload();
    await expect(map.getByTestId("map-tiles-failed")).toHaveText("街道地图无法加载，因此地图仅显示国家轮廓。");
    await attachShot(page, testInfo, "desk-map-tiles-failed-zh");
  } finally {
    await context.close();
  }
});

test("three requests at one spot fan out at the deepest zoom, and a requester 29 m from the desk is clickable", async ({
  browser,
  baseURL,
}, testInfo) => {
  const desk = { latitude: 47.2184, longitude: -1.5536 };
  const context = await desktopContext(browser, baseURL, desk);
  const page = await context.newPage();
  try {
    await signUp(page, uniqueAccount("desk", "Nantes Desk"));
    await registerDesk(page, "1000");
    const map = page.getByTestId("desk-map");

    // A requester 29 m north of the desk: its pin's tip sits on the desk's icon, which must not take the click.
    const close = await apiAccount(baseURL!, "Close Carla");
    const { id: closeId } = await apiSubmit(close, north(desk, 29));
    await expect(mapMarker(page, closeId)).toBeVisible();
    await expect(map.locator(".map-icon-desk")).toBeVisible();
    await mapMarker(page, closeId).click({ position: { x: 14, y: 36 } });
    await expect(page.locator(`[data-testid="map-popup"][data-request-id="${closeId}"]`)).toContainText("Close Carla");
    await attachShot(page, testInfo, "desk-29m-requester-popup");
    await page.locator(".leaflet-popup-close-button").click();
    await close.api.request.cancel.mutate({ requestId: closeId });
    await expect(mapMarker(page, closeId)).toHaveCount(0);

    // Three at one spot, 15 m south of the desk (in view at the deepest zoom).
    const spot = north(desk, -15);
    const names = ["Spot Ana", "Spot Ben", "Spot Chen"];
    const ids: string[] = [];
    const spotted = await Promise.all(names.map((name) => apiAccount(baseURL!, name)));
    for (const account of spotted) ids.push((await apiSubmit(account, spot)).id);
    await expect(map).toHaveAttribute("data-markers", "3");
    const cluster = map.locator(".marker-cluster", { hasText: "3" });
    await expect(cluster).toBeVisible();

    // Zooming in all the way keeps them one cluster (they share a spot)...
    const zoomIn = map.locator(".leaflet-control-zoom-in");
    // data-moves counts finished zooms; the button is disabled at the map's maxZoom.
    for (let moves = Number(await map.getAttribute("data-moves")); !/leaflet-disabled/.test((await zoomIn.getAttribute("class")) ?? "");) {
      await zoomIn.click();
      await expect(map).toHaveAttribute("data-moves", String(++moves));
      await expect(cluster).toBeVisible();
    }
    await expect(map).toHaveAttribute("data-zoom", "19");
    await expect(cluster).toBeVisible();
    // ...and there a click fans them out into three markers, each opening its own popup.
    // markercluster ignores a click while its zoom animation still runs: click again until it fans out.
    await expect(async () => {
      await cluster.click();
      await expect(mapMarker(page, ids[0]!)).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    for (const id of ids) await expect(mapMarker(page, id)).toBeVisible();
    await attachShot(page, testInfo, "desk-three-at-one-spot-fanned-out");
    for (const [index, id] of ids.entries()) {
      await mapMarker(page, id).click();
      await expect(page.locator(`[data-testid="map-popup"][data-request-id="${id}"]`)).toContainText(names[index]!);
      await page.locator(".leaflet-popup-close-button").click();
      await expect(page.getByTestId("map-popup")).toHaveCount(0);
    }
    // Gone again, so a repeated run in this town starts from an empty spot.
    for (const [index, account] of spotted.entries()) await account.api.request.cancel.mutate({ requestId: ids[index]! });
    await expect(map).toHaveAttribute("data-markers", "0");
  } finally {
    await context.close();
  }
});

test.describe("placing yourself", () => {
  test.use({ ...pixel7, permissions: ["geolocation"], geolocation: { latitude: 50.6292, longitude: 3.0573, accuracy: 15 } });

  test("the map opens at the last known position, and the position placed is kept for Send another", async ({ page, context }, testInfo) => {
    await signUp(page, uniqueAccount("placed", "Lena Placed"));
    await saveBankAccount(page, "Lena Placed", "Lille Bank");
    await expect(page.getByTestId("geo-status")).toHaveAttribute("data-state", "ok");

    // Location turned off: the place-yourself map opens at street level where the phone last was, not on the whole world.
    await context.clearPermissions();
    await page.reload();
    await expect(page.getByTestId("geo-status")).toHaveAttribute("data-state", "denied");
    const picker = page.getByTestId("position-picker-map");
    await expect(picker).toBeVisible();
    await expect.poll(() => fixtureTiles(page, '[data-testid="position-picker-map"]').count()).toBeGreaterThan(0);
    const zooms = await fixtureTiles(page, '[data-testid="position-picker-map"]').evaluateAll((images) =>
      images.map((i) => new URL((i as HTMLImageElement).src).pathname.split("/")[1]),
    );
    expect(new Set(zooms)).toEqual(new Set(["15"]));
    await expect(picker).not.toHaveAttribute("data-latitude");
    await picker.scrollIntoViewIfNeeded();
    await attachShot(page, testInfo, "place-yourself-opens-at-last-position");

    // A tap places the requester near Lille.
    const box = (await picker.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2 - 30);
    await expect(picker).toHaveAttribute("data-latitude", /^50\.6/);
    const latitude = await page.getByTestId("manual-latitude").inputValue();
    const longitude = await page.getByTestId("manual-longitude").inputValue();
    expect(Number(latitude)).toBeGreaterThan(50.6292);
    await page.getByTestId("tap-to-send").click();
    await expect(page.getByTestId("request-status")).toContainText("Waiting for someone nearby to pick you");

    // Send another: the same place, ready to send again.
    await page.getByTestId("new-request").click();
    await expect(page.getByTestId("manual-latitude")).toHaveValue(latitude);
    await expect(page.getByTestId("manual-longitude")).toHaveValue(longitude);
    await expect(picker).toHaveAttribute("data-latitude", String(Number(latitude)));
    await picker.scrollIntoViewIfNeeded();
    await attachShot(page, testInfo, "send-another-keeps-placed-position");
    await page.getByTestId("tap-to-send").click();
    await expect(page.getByTestId("request-status")).toContainText("Waiting for someone nearby to pick you");
  });
});
