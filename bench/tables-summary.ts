// Column summaries (tables.summary) on a 1,000,000-row partitioned table (100 parts, the columns of
// bench/tables.mjs), service only: first summary on a fresh index (column tables built on the way),
// first summary when the column tables already exist (after sorts/filters), cached summary, and the
// cached summary after a restart (read back from the index file). Also the 100,000-row demo table.
// Run: node --import tsx bench/tables-summary.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createServiceContext, type ServiceContext } from "../server/context";
import { predictionTable } from "../server/demo/content";
import { logArtifact } from "../server/services/artifacts/log";
import { storeBytesAsEntry } from "../server/services/blobs/store-bytes";
import { openTableWhenReady } from "../server/services/tables/registry";
import { getTableSummary } from "../server/services/tables/summary";

const ns = { entity: "bench", project: "summary" };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-bench-summary-"));
const ms = (start: number) => `${(performance.now() - start).toFixed(0)} ms`;

async function logTable(ctx: ServiceContext, name: string, parts: number, rowsPerPart: number) {
  const entries = [await storeBytesAsEntry(ctx, "t.partitioned-table.json", JSON.stringify({ _type: "partitioned-table", parts_path: "parts" }))];
  for (let p = 0; p < parts; p++) entries.push(await storeBytesAsEntry(ctx, `parts/table_${p}.table.json`, predictionTable(p * rowsPerPart, rowsPerPart, 7 + p)));
  await logArtifact(ctx, ns, name, { type: "evaluation", aliases: [], entries });
  const ref = { ...ns, name, version: "v0", path: "t.partitioned-table.json" };
  const start = performance.now();
  const ready = await openTableWhenReady(ctx, ref);
  console.log(`| ${name}: index build (${ready.index.meta.rows.toLocaleString("en-US")} rows) | ${ms(start)} |`);
  return { ref, ready };
}

async function time(label: string, fn: () => Promise<unknown>) {
  const start = performance.now();
  await fn();
  console.log(`| ${label} | ${ms(start)} |`);
}

try {
  const ctx = createServiceContext(dir);
  console.log("| measure | time |\n| --- | --- |");
  for (const [name, parts] of [["demo-size", 10], ["million", 100]] as const) {
    const { ref, ready } = await logTable(ctx, name, parts, 10_000);
    await time(`${name}: first summary (fresh index, builds 7 column tables)`, () => getTableSummary(ctx, ref));
    await time(`${name}: summary again (memory)`, () => getTableSummary(ctx, ref));
    // Drop the cached summary but keep the column tables: what a table already sorted/filtered costs.
    ready.index.db.prepare("delete from meta where k like 'summary-%'").run();
    ready.index.db.close();
    await time(`${name}: first summary, column tables already built`, () => getTableSummary(ctx, ref));
    ready.index.db.close();
    await time(`${name}: summary after a restart (read from the index file)`, () => getTableSummary(ctx, ref));
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
