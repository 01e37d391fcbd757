// Service-level page times on the index left by bench/tables.mjs (no HTTP, no tRPC): what the
// server spends per page. Run: node --import tsx bench/tables-service.ts [dataDir]
import os from "node:os";
import path from "node:path";
import { createServiceContext } from "../server/context";
import { getTablePage } from "../server/services/tables/query";

const dataDir = process.argv[2] ?? path.join(os.tmpdir(), "arca-bench-tables", "arca-data");
const ctx = createServiceContext(dataDir);
const ref = { entity: "bench", project: "tables", name: "bench-table", version: "v0", path: "predictions.partitioned-table.json" };
const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;

async function measure(label: string, input: () => Partial<Parameters<typeof getTablePage>[1]>) {
  const times: number[] = [];
  for (let i = 0; i < 500; i++) {
    const start = performance.now();
    await getTablePage(ctx, { ...ref, offset: 0, limit: 50, filters: [], ...input() });
    times.push(performance.now() - start);
  }
  console.log(`| ${label} (service) | p50 ${pct(times, 0.5).toFixed(2)} ms, p95 ${pct(times, 0.95).toFixed(2)} ms |`);
}

const rows = 1_000_000;
const offset = () => Math.floor(Math.random() * (rows - 50));
await measure("first page", () => ({}));
await measure("random page", () => ({ offset: offset() }));
await measure("sorted page", () => ({ offset: offset(), sort: { column: 4, desc: Math.random() < 0.5 } }));
await measure("filtered page", () => ({ offset: Math.floor(Math.random() * 100_000), filters: [{ column: 2, op: "eq", value: "seven" }] }));
