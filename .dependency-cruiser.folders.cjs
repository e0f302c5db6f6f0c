/**
 * No cycles between folders either (src/server/requests ↔ src/server/exchange
 * was one): each domain folder depends on others in one direction only. Tests
 * and their harness are left out, since a test may reach across folders.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  extends: "./.dependency-cruiser.cjs",
  forbidden: [
    {
      name: "no-circular-folders",
      severity: "error",
      scope: "folder",
      comment:
        "Two folders import each other: move what both need beside the thing it belongs to (the request feed's messages beside the event bus).",
      from: {},
      to: { circular: true },
    },
  ],
  options: { exclude: { path: ["\\.test\\.ts$", "^src/server/test/", "^src/server/db/generated/"] } },
};
