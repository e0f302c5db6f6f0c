/**
 * Nearby query, side by side with Redis GEOSEARCH on the same points.
 * For 10k / 100k / 1M open requests, spread over a 1,000 km square or packed
 * in a 20 km city, each index answers "the nearest 100 within 1 km" for the
 * same random centres, interleaved sample by sample so machine noise hits
 * all alike:
 *   - redis:  GEOSEARCH key FROMLONLAT … BYRADIUS 1000 m ASC COUNT 100 (the anchor, over loopback)
 *   - btree:  the app's SQL prefilter today (B-tree status,type,latitude + longitude
 *             range) on PostgreSQL, exact distance and top 100 in JS
 *   - gist:   the same box on a GiST index of point(longitude, latitude) (built in, no extension)
 *   - memory: src/server/geo/grid-index.ts, in this process
 * Every loop is bounded; only 127.0.0.1 is contacted.
 */
import { performance } from "node:perf_hooks";
import { Redis } from "ioredis";
import pg from "pg";
import { boundingBox, destinationPoint, distanceMeters, type Position } from "../src/shared/geo/distance";
import { GridIndex } from "../src/server/geo/grid-index";
import { seededRandom } from "../src/shared/testing/random";

export interface NearbyRow {
  size: number;
  distribution: "spread" | "city";
  index: string;
  p50: number;
  p99: number;
  found: number;
}

const RADIUS = 1000;
const LIMIT = 100;
const CENTER: Position = { latitude: 45.764, longitude: 4.8357 };

function pointsFor(distribution: "spread" | "city", count: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const half = distribution === "spread" ? 500_000 : 10_000;
  const coords = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) {
    // A square of side 2·half metres around CENTER: north-south then east-west offsets.
    const p = destinationPoint(destinationPoint(CENTER, 0, (random() * 2 - 1) * half), 90, (random() * 2 - 1) * half);
    coords[2 * i] = p.latitude;
    coords[2 * i + 1] = p.longitude;
  }
  return coords;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function loadPostgres(client: pg.Client, coords: Float64Array): Promise<void> {
  await client.query(`TRUNCATE "Request" CASCADE`);
  const batch = 50_000;
  const count = coords.length / 2;
  for (let start = 0; start < count; start += batch) {
    const lat: number[] = [];
    const lng: number[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      lat.push(coords[2 * i]!);
      lng.push(coords[2 * i + 1]!);
    }
    await client.query(
      `INSERT INTO "Request" ("id","requesterId","identification","type","preview","latitude","longitude","trigger","status","createdAt","updatedAt")
       SELECT 'r' || ($3::int + o), 'bench-user', 'bench', 'BANK_ACCOUNT', 'x', t.lat, t.lng, 'TAP', 'OPEN', now(), now()
       FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS t(lat, lng, o)`,
      [lat, lng, start],
    );
    process.stderr.write(`\r  postgres: ${Math.min(count, start + batch)}/${count} rows`);
  }
  process.stderr.write("\n");
  await client.query(`ANALYZE "Request"`);
}

async function loadRedis(redis: Redis, key: string, coords: Float64Array): Promise<void> {
  await redis.del(key);
  const count = coords.length / 2;
  for (let start = 0; start < count; start += 10_000) {
    const args: Array<string | number> = [];
    for (let i = start; i < Math.min(count, start + 10_000); i++) args.push(coords[2 * i + 1]!, coords[2 * i]!, `r${i + 1}`);
    await redis.geoadd(key, ...args);
  }
}

type Query = (center: Position) => Promise<number>;

function sqlQuery(client: pg.Client, where: (box: ReturnType<typeof boundingBox>) => { sql: string; params: number[] }): Query {
  return async (center) => {
    const box = boundingBox(center, RADIUS);
    const { sql, params } = where(box);
    const { rows } = await client.query<{ id: string; latitude: number; longitude: number }>(
      `SELECT "id","latitude","longitude" FROM "Request" WHERE "status"='OPEN' AND "type"='BANK_ACCOUNT' AND "requesterId" <> 'someone-else'
         AND ("deadline" IS NULL OR "deadline" > now()) AND ${sql}`,
      params,
    );
    const inside = [];
    for (const row of rows) {
      const d = distanceMeters(center, row);
      if (d <= RADIUS) inside.push({ id: row.id, d });
    }
    inside.sort((a, b) => a.d - b.d);
    return Math.min(LIMIT, inside.length);
  };
}

const btree = (client: pg.Client) =>
  sqlQuery(client, (box) => ({
    sql: `"latitude" BETWEEN $1 AND $2 AND (${box.longitudeRanges.map((_, i) => `"longitude" BETWEEN $${3 + 2 * i} AND $${4 + 2 * i}`).join(" OR ")})`,
    params: [box.minLatitude, box.maxLatitude, ...box.longitudeRanges.flat()],
  }));

const gist = (client: pg.Client) =>
  sqlQuery(client, (box) => ({
    sql: `(${box.longitudeRanges.map((_, i) => `point("longitude","latitude") <@ box(point($${3 + 2 * i}, $1), point($${4 + 2 * i}, $2))`).join(" OR ")})`,
    params: [box.minLatitude, box.maxLatitude, ...box.longitudeRanges.flat()],
  }));

/** Runs every query for the same centres, round-robin, after a warm-up. */
async function measure(queries: Record<string, Query>, centers: Position[], warmup: number) {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(queries).map((k) => [k, []]));
  const found: Record<string, number> = {};
  for (let i = 0; i < centers.length; i++) {
    for (const [name, query] of Object.entries(queries)) {
      const started = performance.now();
      const n = await query(centers[i]!);
      const ms = performance.now() - started;
      if (i >= warmup) {
        samples[name]!.push(ms);
        found[name] = (found[name] ?? 0) + n;
      }
    }
  }
  return { samples, found };
}

export async function benchNearby(options: { databaseUrl: string; redisUrl: string; sizes: number[]; samples: number }): Promise<NearbyRow[]> {
  const rows: NearbyRow[] = [];
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const redis = new Redis(options.redisUrl);
  const key = `nx-bench-${process.pid}:geo`;
  try {
    await client.query(`INSERT INTO "User" ("id","identification","username","displayName","passwordHash")
                        VALUES ('bench-user','bench','bench','Bench','x') ON CONFLICT DO NOTHING`);
    await client.query(
      `CREATE INDEX IF NOT EXISTS "bench_request_open_point_gist" ON "Request" USING gist (point("longitude","latitude")) WHERE "status"='OPEN'`,
    );
    for (const size of options.sizes) {
      for (const distribution of ["spread", "city"] as const) {
        const started = performance.now();
        const coords = pointsFor(distribution, size, size + (distribution === "city" ? 1 : 0));
        await loadPostgres(client, coords);
        await loadRedis(redis, key, coords);
        const grid = new GridIndex<Position & { id: string }>();
        for (let i = 0; i < size; i++) grid.add({ id: `r${i + 1}`, latitude: coords[2 * i]!, longitude: coords[2 * i + 1]! });
        process.stderr.write(`  ${size} ${distribution}: loaded in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

        // Centres where the requests are: a random seeded point of the set, nudged.
        const random = seededRandom(99);
        const centers = Array.from({ length: options.samples + 20 }, () => {
          const i = Math.floor(random() * size);
          return destinationPoint({ latitude: coords[2 * i]!, longitude: coords[2 * i + 1]! }, random() * 360, random() * 500);
        });
        const { samples, found } = await measure(
          {
            redis: async (c) =>
              (
                (await redis.call(
                  "GEOSEARCH",
                  key,
                  "FROMLONLAT",
                  c.longitude,
                  c.latitude,
                  "BYRADIUS",
                  RADIUS,
                  "m",
                  "ASC",
                  "COUNT",
                  LIMIT,
                )) as string[]
              ).length,
            btree: btree(client),
            gist: gist(client),
            memory: async (c) => grid.nearest(c, RADIUS, LIMIT).length,
          },
          centers,
          20,
        );
        for (const [index, s] of Object.entries(samples)) {
          rows.push({ size, distribution, index, p50: percentile(s, 50), p99: percentile(s, 99), found: (found[index] ?? 0) / s.length });
        }
        // Same answers, or the comparison is meaningless.
        const counts = new Set(Object.values(found));
        if (counts.size !== 1) process.stderr.write(`  WARNING: indexes disagree on result counts: ${JSON.stringify(found)}\n`);
      }
    }
  } finally {
    await redis.del(key);
    redis.disconnect();
    await client.end();
  }
  return rows;
}
