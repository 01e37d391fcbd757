// Seeds the request-path benchmark's data dir through the services (bench/requests.mjs): one project,
// one collection with 60 versions (a 100-byte file and metadata each), logged by one run.
import { createServiceContext } from "@/server/context";
import { logArtifact } from "@/server/services/artifacts/log";
import { storeBytesAsEntry } from "@/server/services/blobs/store-bytes";
import { createRun, setRunState } from "@/server/services/runs/runs";

const dir = process.argv[2];
if (!dir) throw new Error("usage: bench/requests-seed.ts DATA_DIR");
const ctx = createServiceContext(dir);
const ns = { entity: "bench", project: "requests" };
await createRun(ctx, ns, { id: "train-1", name: "train-1", jobType: "train", config: { lr: 0.001 } });
for (let i = 0; i < 60; i++) {
  const file = await storeBytesAsEntry(ctx, "weights.txt", `${`checkpoint ${i} `.padEnd(99, ".")}\n`);
  await logArtifact(ctx, ns, "model", {
    type: "model",
    description: `Checkpoint ${i}.`,
    metadata: { epoch: i, loss: 1 / (i + 1) },
    aliases: i % 10 === 0 ? [`epoch-${i}`] : [],
    runId: "train-1",
    entries: [file],
  });
}
await setRunState(ctx, ns, "train-1", "finished");
await ctx.sql.close();
