// Times getNeighbourhood in-process (no HTTP): `node --import tsx bench/lineage-query.ts <dataDir> <cases.json>`.
// Prints one JSON line: per case, the milliseconds of every call and the node count of each answer.
// Every case runs twice in this process and the second pass is reported: a long-running server has
// its statements compiled and its code optimised; a first call in a fresh process measures neither.
import fs from "node:fs";
import { createServiceContext } from "../server/context";
import { getNeighbourhood, type NeighbourhoodOptions } from "../server/services/lineage/neighbourhood";

const [dataDir, casesFile] = process.argv.slice(2);
const cases = JSON.parse(fs.readFileSync(casesFile as string, "utf8")) as { name: string; calls: NeighbourhoodOptions[] }[];
const ctx = createServiceContext(dataDir as string);
const ns = { entity: "bench", project: "lineage" };
const out: Record<string, { ms: number[]; nodes: number[] }> = {};
for (const c of [...cases, ...cases]) {
  const result = { ms: [] as number[], nodes: [] as number[] };
  for (const call of c.calls) {
    const start = process.hrtime.bigint();
    const graph = await getNeighbourhood(ctx, ns, call);
    result.ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    result.nodes.push(graph.nodes.length);
  }
  out[c.name] = result;
}
console.log(JSON.stringify(out));
