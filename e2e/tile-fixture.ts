/**
 * The local tile server the whole suite's app draws its street map from
 * (e2e/tile-server.ts, started by playwright.config.ts): no tile ever comes
 * from the internet. Its port sits 10 above the app's unless E2E_TILE_PORT says.
 */
export const tilePort = Number(process.env.E2E_TILE_PORT ?? Number(process.env.E2E_PORT ?? 3210) + 10);
export const tileOrigin = `http://127.0.0.1:${tilePort}`;
export const tileUrl = `${tileOrigin}/{z}/{x}/{y}.png`;
