/**
 * The layout's rules, checked by `npm run lint:deps` (part of `npm test`):
 * no import cycles, src/shared imports neither side, and the browser's code
 * reaches the server only through the few doors Next.js itself opens.
 * .dependency-cruiser.folders.cjs adds the same rule for cycles between folders.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import cycle: split out what both sides need (a type, a topic) into a module they both import.",
      from: {},
      to: { circular: true },
    },
    {
      name: "shared-is-neutral",
      severity: "error",
      comment: "src/shared runs in the browser and on the server alike: it may import neither src/server nor src/app.",
      from: { path: "^src/shared/" },
      to: { path: "^src/(server|app|trpc)/" },
    },
    {
      name: "server-not-in-app",
      severity: "error",
      comment:
        "src/app may reach src/server only from server components and route handlers (page, layout, route files) and for types; move what the browser needs to src/shared.",
      from: { path: "^src/app/", pathNot: ["(^|/)(page|layout|route)\\.tsx?$"] },
      to: { path: "^src/server/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "server-not-in-shared-or-trpc-client",
      severity: "error",
      comment: "The browser's tRPC client imports the router's type only.",
      from: { path: "^src/trpc/" },
      to: { path: "^src/server/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that resolves to nothing.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^src/server/db/generated/", "\\.next/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
