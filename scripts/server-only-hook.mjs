/**
 * Loaded with `node --import` before tsx by the server (scripts/server.ts):
 * Next.js cannot run under `--conditions=react-server` (its page renderer
 * needs react-dom/server), yet every module in src/server imports
 * "server-only", which throws outside that condition. This hook resolves
 * just that marker to its empty module, as the react-server condition does.
 */
import { register } from "node:module";

const empty = new URL("../node_modules/server-only/empty.js", import.meta.url).href;
const hooks = `export async function resolve(specifier, context, nextResolve) {
  return specifier === "server-only" ? { url: ${JSON.stringify(empty)}, shortCircuit: true } : nextResolve(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, import.meta.url);
