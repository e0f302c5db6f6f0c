/**
 * `tsx bench/profile-summary.ts file.cpuprofile [top]`: where a V8 CPU
 * profile's time went, as self time by package (or source file) and by
 * function, so a benchmark's "where the time goes" is read, not guessed.
 */
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/** The package a script belongs to (node_modules/<pkg>), else its path under the repo, else the V8 category. */
export function owner(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:")) return "node:internal";
  const src = url.indexOf("/src/");
  return src >= 0 ? url.slice(src + 1) : url.replace(/^file:\/\//, "");
}

export function summarize(profile: Profile, top = 15) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const o = owner(url, functionName);
    byOwner.set(o, (byOwner.get(o) ?? 0) + us);
    const f = `${functionName || "(anonymous)"} ${o}:${lineNumber + 1}`;
    byFunction.set(f, (byFunction.get(f) ?? 0) + us);
  }
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => ({ what: k, ms: us / 1000, share: us / total }));
  return { totalMs: total / 1000, byOwner: rank(byOwner), byFunction: rank(byFunction) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) throw new Error("usage: tsx bench/profile-summary.ts file.cpuprofile [top]");
  const { totalMs, byOwner, byFunction } = summarize(JSON.parse(readFileSync(file, "utf8")) as Profile, Number(process.argv[3] ?? 15));
  const line = (r: { what: string; ms: number; share: number }) =>
    `${(r.share * 100).toFixed(1).padStart(5)}%  ${r.ms.toFixed(0).padStart(7)} ms  ${r.what}`;
  console.log(`total sampled: ${totalMs.toFixed(0)} ms\n\nself time by package / file:`);
  for (const r of byOwner) console.log(line(r));
  console.log("\nself time by function:");
  for (const r of byFunction) console.log(line(r));
}
