import type { ServiceContext } from "../context";
import { finishArtifact, upsertArtifact } from "../services/artifacts/collaborate";
import { logArtifact } from "../services/artifacts/log";
import { patchArtifact } from "../services/artifacts/patch";
import { updateVersion } from "../services/artifacts/update";
import { useArtifact } from "../services/artifacts/use";
import { storeBytesAsEntry as put } from "../services/blobs/store-bytes";
import { createRun, setRunState } from "../services/runs/runs";
import type { EntryInput } from "../services/schemas";
import { csv, predictionTable, pseudoRandom, weights } from "./content";
import { digitPath, digitPng } from "./digits";

const ns = { entity: "demo", project: "mnist-pipeline" };
const HOUR = 3_600_000;

/**
 * The demo project, generated through the same services users call: a lineage chain
 * raw → processed → model → evaluation, a checkpoint collection with dozens of versions,
 * a collaborative version from several writers holding a 100,000-row partitioned table,
 * a patched version, references, and a draft that was never finished.
 */
export async function seedDemo(base: ServiceContext): Promise<void> {
  // The story spans about two days and ends now, so the demo looks freshly used.
  let clock = base.now() - 50 * HOUR;
  const ctx: ServiceContext = { ...base, now: () => clock };
  const tick = (hours = 1) => (clock += hours * HOUR);
  const run = (id: string, jobType: string, config: Record<string, unknown> = {}, group?: string) =>
    createRun(ctx, ns, { id, name: id, jobType, config, group });
  const done = (id: string) => setRunState(ctx, ns, id, "finished");

  // 1. Raw data, with references to where the originals live.
  await run("ingest-1", "ingest", { source: "s3://arca-demo/raw" });
  const rawRefs: EntryInput[] = [
    { path: "mnist.tar.gz", ref: "s3://arca-demo/raw/mnist.tar.gz", digest: "s3://arca-demo/raw/mnist.tar.gz", size: 0 },
    { path: "LICENSE.md", ref: "https://example.com/datasets/mnist/LICENSE.md", digest: "https://example.com/datasets/mnist/LICENSE.md", size: 0 },
  ];
  for (let i = 0; i < 3; i++) {
    tick(6);
    await logArtifact(ctx, ns, "raw-images", {
      type: "dataset",
      description: `Raw MNIST scrape, batch ${i + 1}. Files are referenced where they live; only the index is stored.`,
      metadata: { batches: i + 1, source: "s3://arca-demo/raw" },
      aliases: [],
      runId: "ingest-1",
      entries: [...rawRefs, await put(ctx, "index.csv", csv(200 * (i + 1), 11 + i))],
    });
  }
  await done("ingest-1");

  // 2. Processed dataset, used by training; v1 is a patch of v0.
  tick(2);
  await run("preprocess-1", "preprocess", { normalize: true, resize: 28 });
  await useArtifact(ctx, ns, { ref: "raw-images:latest", runId: "preprocess-1" });
  await logArtifact(ctx, ns, "mnist-processed", {
    type: "dataset",
    description: "# MNIST, processed\n\nNormalised to zero mean, unit variance. Split 80/20.",
    metadata: { rows: 60000, classes: 10, normalize: true },
    aliases: ["stable"],
    runId: "preprocess-1",
    entries: [
      await put(ctx, "train.csv", csv(2000, 1)),
      await put(ctx, "test.csv", csv(500, 2)),
      await put(ctx, "stats/mean.json", JSON.stringify({ mean: 0.1307, std: 0.3081 })),
      await put(ctx, "README.md", "# mnist-processed\n\nTraining and test splits of MNIST.\n"),
    ],
  });
  await done("preprocess-1");
  tick(3);
  await run("fix-labels", "patch", { reason: "relabel 12 mislabeled digits" });
  await patchArtifact(ctx, ns, "mnist-processed", {
    base: "v0",
    description: "# MNIST, processed\n\nv0 with 12 labels fixed and a label map added.",
    aliases: [],
    remove: ["stats/mean.json"],
    runId: "fix-labels",
    entries: [await put(ctx, "train.csv", csv(2000, 3)), await put(ctx, "labels.json", JSON.stringify([...Array(10).keys()]))],
  });
  await done("fix-labels");

  // 3. Training: one run, dozens of checkpoints.
  tick(1);
  await run("train-cnn-1", "train", { lr: 0.001, epochs: 36, batch_size: 128, arch: "cnn-small" });
  await useArtifact(ctx, ns, { ref: "mnist-processed:latest", runId: "train-cnn-1" });
  const rand = pseudoRandom(7);
  let bestLoss = Infinity;
  for (let epoch = 1; epoch <= 36; epoch++) {
    tick(0.5);
    const loss = Number((2.3 * Math.exp(-epoch / 9) + 0.05 + rand() * 0.04).toFixed(4));
    const aliases = [`epoch-${epoch}`];
    if (loss < bestLoss) {
      bestLoss = loss;
      aliases.push("best");
    }
    await logArtifact(ctx, ns, "checkpoints", {
      type: "model",
      description: `CNN checkpoint after epoch ${epoch}.`,
      metadata: { epoch, loss, val_accuracy: Number((1 - loss / 3).toFixed(4)) },
      aliases: epoch % 6 === 0 ? aliases : aliases.filter((a) => a === "best"),
      runId: "train-cnn-1",
      entries: [await put(ctx, "model.pt", weights(16 * 1024, epoch)), await put(ctx, "config.json", JSON.stringify({ epoch, lr: 0.001 }))],
    });
  }
  await done("train-cnn-1");
  tick(1);
  await run("export-1", "export", { format: "onnx" });
  await useArtifact(ctx, ns, { ref: "checkpoints:best", runId: "export-1" });
  await logArtifact(ctx, ns, "classifier", {
    type: "model",
    description: "Exported classifier (ONNX) from the best checkpoint.",
    metadata: { format: "onnx", opset: 17, params: 421642 },
    aliases: ["production"],
    runId: "export-1",
    entries: [await put(ctx, "classifier.onnx", weights(32 * 1024, 99)), await put(ctx, "labels.json", JSON.stringify([...Array(10).keys()]))],
  });
  await done("export-1");

  // 4. Distributed evaluation: five writers upsert two table parts each; a finisher adds the partitioned table.
  const group = "eval-shards-1";
  for (let writer = 0; writer < 5; writer++) {
    tick(0.2);
    const id = `eval-shard-${writer}`;
    await run(id, "evaluate", { shard: writer, shards: 5 }, group);
    await useArtifact(ctx, ns, { ref: "classifier:production", runId: id });
    await useArtifact(ctx, ns, { ref: "mnist-processed:latest", runId: id });
    const parts: EntryInput[] = [];
    for (let p = writer * 2; p < writer * 2 + 2; p++) {
      parts.push(await put(ctx, `parts/table_${p}.table.json`, predictionTable(p * 10_000, 10_000, 1000 + p)));
    }
    await upsertArtifact(ctx, ns, "eval-predictions", { type: "evaluation", distributedId: group, runId: id, aliases: [], entries: parts, metadata: { [`shard_${writer}`]: "done" } });
    await done(id);
  }
  tick(0.5);
  await run("eval-finish", "evaluate", { finalize: true }, group);
  await finishArtifact(ctx, ns, "eval-predictions", {
    type: "evaluation",
    distributedId: group,
    runId: "eval-finish",
    description: "Predictions of `classifier:production` on the test split: 100,000 rows in 10 parts.",
    metadata: { rows: 100_000, parts: 10, accuracy: 0.93 },
    aliases: ["baseline"],
    entries: [
      await put(ctx, "predictions.partitioned-table.json", JSON.stringify({ _type: "partitioned-table", parts_path: "parts" })),
      // The table's image cells point at these, so its image column shows thumbnails.
      ...(await Promise.all([...Array(10).keys()].map((d) => put(ctx, digitPath(d), digitPng(d))))),
    ],
  });
  await done("eval-finish");

  // 5. A report artifact and a collaborative draft nobody finished.
  tick(1);
  await run("report-1", "report");
  await useArtifact(ctx, ns, { ref: "eval-predictions:latest", runId: "report-1" });
  await logArtifact(ctx, ns, "eval-summary", {
    type: "evaluation",
    description: "Accuracy per class.",
    metadata: { accuracy: 0.93, f1_macro: 0.927 },
    aliases: [],
    runId: "report-1",
    entries: [await put(ctx, "per_class.csv", "class,accuracy\n" + [...Array(10).keys()].map((c) => `${c},${(0.9 + c / 200).toFixed(3)}`).join("\n") + "\n")],
  });
  await done("report-1");
  tick(2);
  await run("augment-0", "augment", { rotation: 15 }, "augment-1");
  await upsertArtifact(ctx, ns, "mnist-augmented", {
    type: "dataset",
    distributedId: "augment-1",
    runId: "augment-0",
    aliases: [],
    entries: [await put(ctx, "rotated/part-0.csv", csv(300, 42))],
  });
  await updateVersion(ctx, ns, "checkpoints", "best", { description: "Best checkpoint so far (lowest validation loss).", replaceMetadata: false }, "demo");
}
