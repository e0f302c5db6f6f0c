// `npm test`'s set-up, run first as the `pretest` script: what the suite needs
// beyond npm, on a Debian machine like CI's.
// - Debian's Chromium at /usr/bin/chromium, which playwright.config.ts launches
//   (Playwright downloads no browser): installed with apt-get when missing, if
//   this runs as root on a machine with apt-get.
// - PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth, database `test`)
//   for the router tests and the two-instance HTTP test, and Redis on
//   127.0.0.1:6379 for the event-bus tests and the two-instance HTTP test
//   (they fail, not skip, without them): started when installed but stopped.
// Whatever it cannot do, it says how to do, and exits non-zero. When all is
// already there it only checks, in well under a second.
// Plain Node with no dependencies, so it starts fast and runs before anything else.
// TEST_SETUP_CHROMIUM replaces the browser path it checks, only to try this
// script's missing-browser branch without uninstalling Chromium.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readdirSync } from "node:fs";
import { delimiter, join } from "node:path";

const CHROMIUM = process.env.TEST_SETUP_CHROMIUM || "/usr/bin/chromium";
const WAIT_SECONDS = 30;
const isRoot = process.getuid?.() === 0;
const sudo = isRoot ? "" : "sudo ";

const say = (what, status) => console.log(`== test set-up: ${what} … ${status}`);
const problems = [];
function problem(what, status, howTo) {
  say(what, status);
  problems.push(`${what}: ${status}\n${howTo.map((line) => `    ${line}`).join("\n")}`);
}

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
const onPath = (command) => (process.env.PATH ?? "").split(delimiter).some((dir) => dir && executable(join(dir, command)));

/** Runs a command, its output shown (or dropped with quiet); true when it exits 0. */
function run(command, args, { quiet = false, env = process.env } = {}) {
  const result = spawnSync(command, args, { stdio: ["ignore", quiet ? "ignore" : "inherit", "inherit"], env });
  return result.status === 0;
}

/** Polls until answers() is true, at most `seconds`, with a progress line every 5 s. */
function waitFor(what, answers, seconds = WAIT_SECONDS) {
  const start = Date.now();
  let next = 5;
  while (!answers()) {
    const elapsed = (Date.now() - start) / 1000;
    if (elapsed >= seconds) return false;
    if (elapsed >= next) {
      say(what, `waiting (${next} s of at most ${seconds} s)`);
      next += 5;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  }
  return true;
}

function chromium() {
  const what = "chromium";
  if (executable(CHROMIUM)) return say(what, "ok");
  const install = "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk";
  if (!isRoot || !onPath("apt-get")) {
    return problem(what, `missing: ${CHROMIUM} (Playwright launches it and downloads no browser)`, [
      onPath("apt-get")
        ? `install Debian's Chromium as root: sudo sh -c '${install}'`
        : `install Chromium so that it is at ${CHROMIUM} (on Debian: apt-get install chromium fonts-noto-cjk)`,
    ]);
  }
  say(what, "missing, installing Debian's chromium and fonts-noto-cjk with apt-get (a few minutes)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const installed =
    run("apt-get", ["update", "-qq"], { env }) && run("apt-get", ["install", "-y", "-qq", "chromium", "fonts-noto-cjk"], { quiet: true, env });
  if (installed && executable(CHROMIUM)) return say(what, "installed");
  problem(what, installed ? `apt-get installed chromium, but ${CHROMIUM} is still missing` : "apt-get failed (see above)", [
    `install it by hand: ${install}`,
  ]);
}

function postgresql() {
  const what = "postgresql 127.0.0.1:5432";
  const needs = "the tests connect as user postgres (trust auth from 127.0.0.1) to the database `test`";
  if (!onPath("pg_isready")) {
    return problem(what, "not installed", [
      `install and start it: ${sudo}apt-get install -y postgresql && ${sudo}pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
      `${needs}: create it with ${isRoot ? "su postgres -c 'createdb test'" : "sudo -u postgres createdb test"}, and set the method for host 127.0.0.1 to trust in /etc/postgresql/*/main/pg_hba.conf`,
    ]);
  }
  const ready = () => run("pg_isready", ["-q", "-h", "127.0.0.1", "-p", "5432"]);
  if (ready()) return say(what, "ok");
  const version = existsSync("/etc/postgresql")
    ? readdirSync("/etc/postgresql")
        .sort()
        .find((v) => existsSync(join("/etc/postgresql", v, "main")))
    : undefined;
  if (!version || !onPath("pg_ctlcluster")) {
    return problem(what, "not answering, and no Debian cluster `main` to start", [
      `start the server on 127.0.0.1:5432 (on Debian: ${sudo}pg_createcluster --start <version> main); ${needs}`,
    ]);
  }
  const start = ["--skip-systemctl-redirect", version, "main", "start"];
  if (!isRoot) return problem(what, "stopped", [`start it: sudo pg_ctlcluster ${start.join(" ")}`]);
  say(what, `stopped, starting cluster ${version}/main`);
  if (!run("pg_ctlcluster", start)) {
    // A test run beside this one may have started it a moment earlier.
    if (waitFor(what, ready, 5)) return say(what, "started (by another run)");
    return problem(what, "pg_ctlcluster failed (see above)", [`start it by hand: pg_ctlcluster ${start.join(" ")}`]);
  }
  if (waitFor(what, ready)) return say(what, "started");
  problem(what, `started, but not answering after ${WAIT_SECONDS} s`, [`see /var/log/postgresql/postgresql-${version}-main.log`]);
}

function redis() {
  const what = "redis 127.0.0.1:6379";
  if (!onPath("redis-cli") || !onPath("redis-server")) {
    return problem(what, "not installed", [`install it: ${sudo}apt-get install -y redis-server (this script starts it on the next npm test)`]);
  }
  const ready = () => spawnSync("redis-cli", ["-h", "127.0.0.1", "-p", "6379", "ping"], { encoding: "utf8" }).stdout?.trim() === "PONG";
  if (ready()) return say(what, "ok");
  const args = [
    "--daemonize",
    "yes",
    "--bind",
    "127.0.0.1",
    "-::1",
    "--port",
    "6379",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    "/var/lib/redis",
    "--logfile",
    "/var/log/redis/ci.log",
  ];
  const command = `redis-server ${args.map((a) => (a === "" ? '""' : a)).join(" ")}`;
  if (!isRoot) return problem(what, "stopped", [`start it: sudo ${command}`]);
  say(what, "stopped, starting redis-server");
  if (!run("redis-server", args)) return problem(what, "redis-server failed (see above)", [`start it by hand: ${command}`]);
  if (waitFor(what, ready)) return say(what, "started");
  problem(what, `started, but not answering after ${WAIT_SECONDS} s`, ["see /var/log/redis/ci.log"]);
}

chromium();
postgresql();
redis();
if (problems.length) {
  console.error(`\nnpm test needs what this machine lacks; do this, then run it again:\n\n${problems.map((p) => `  ${p}`).join("\n\n")}\n`);
  process.exit(1);
}
