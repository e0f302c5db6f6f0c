import { fileURLToPath } from "node:url";

/**
 * What both vitest configs resolve alike: the `~` alias of tsconfig.json, and
 * `server-only` as the empty module it is on the server (its default export
 * throws, to fail a browser bundle that imports a server module).
 */
export const resolve = {
  alias: {
    "~": fileURLToPath(new URL("./src", import.meta.url)),
    "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
  },
};
