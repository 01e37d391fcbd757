// Generates the lineage benchmark graph straight into SQLite (one transaction, raw inserts): a
// pipeline repeated until there are 100,000 nodes (runs + versions). Each pipeline:
//   ingest → raw:vN → preprocess → processed:vN → train (also uses the shared `imagenet:v0`)
//   → 19 checkpoints → eval (uses the last checkpoint and processed) → eval:vN
// Collections are shared by 20 pipelines (so `checkpoints-g` holds 380 versions); every 10th
// processed version has a patched child, every 7th checkpoint is deleted, and one `sweep` run
// uses 400 checkpoints of one collection. `imagenet:v0` is a hub used by every train run.
import Database from "better-sqlite3";

export const ENTITY = "bench";
export const PROJECT = "lineage";
const CHECKPOINTS = 19;
const GROUP = 20;

export function generateGraph(dbFile, targetNodes = 100_000) {
  const db = new Database(dbFile);
  db.pragma("journal_mode = WAL");
  const now = Date.now();
  const ins = {
    project: db.prepare("insert into projects (entity, name, created_at, updated_at) values (?, ?, ?, ?)"),
    collection: db.prepare("insert into collections (project_id, name, type, created_at, updated_at) values (?, ?, ?, ?, ?)"),
    version: db.prepare(
      "insert into versions (collection_id, version_index, state, digest, size, file_count, base_version_id, created_at, updated_at, committed_at, deleted_at) values (?, ?, ?, ?, 1, 1, ?, ?, ?, ?, ?)",
    ),
    run: db.prepare("insert into runs (project_id, run_id, name, job_type, group_name, state, created_at, updated_at) values (?, ?, ?, ?, ?, 'finished', ?, ?)"),
    edge: db.prepare("insert into run_edges (run_id, version_id, kind, created_at) values (?, ?, ?, ?)"),
    alias: db.prepare("insert into aliases (collection_id, version_id, alias, created_at) values (?, ?, ?, ?)"),
    counters: db.prepare("update collections set next_version_index = ?, version_count = ? where id = ?"),
  };
  let nodes = 0;
  const ids = { hub: 0, typicalModel: 0, sweepRunPk: 0, sweepCollectionId: 0 };
  db.transaction(() => {
    const projectId = Number(ins.project.run(ENTITY, PROJECT, now, now).lastInsertRowid);
    const collections = new Map();
    const collection = (name, type) => {
      let c = collections.get(name);
      if (!c) collections.set(name, (c = { id: Number(ins.collection.run(projectId, name, type, now, now).lastInsertRowid), next: 0, live: 0 }));
      return c;
    };
    const version = (name, type, { base = null, deleted = false } = {}) => {
      const c = collection(name, type);
      const index = c.next++;
      if (!deleted) c.live++;
      nodes++;
      return Number(ins.version.run(c.id, index, deleted ? "DELETED" : "COMMITTED", `d-${name}-${index}`, base, now, now, now, deleted ? now : null).lastInsertRowid);
    };
    const run = (runId, jobType, group = null) => {
      nodes++;
      return Number(ins.run.run(projectId, runId, runId, jobType, group, now, now).lastInsertRowid);
    };
    const edge = (runPk, versionId, kind) => ins.edge.run(runPk, versionId, kind, now);

    const hubRun = run("ingest-imagenet", "ingest");
    ids.hub = version("imagenet", "dataset");
    edge(hubRun, ids.hub, "logged");
    let sweepCollection = null;
    for (let p = 0; nodes < targetNodes - 1; p++) {
      const g = Math.floor(p / GROUP);
      const ingest = run(`ingest-${p}`, "ingest", `pipeline-${g}`);
      const raw = version(`raw-${g}`, "dataset");
      edge(ingest, raw, "logged");
      const prep = run(`preprocess-${p}`, "preprocess", `pipeline-${g}`);
      edge(prep, raw, "used");
      const processed = version(`processed-${g}`, "dataset");
      edge(prep, processed, "logged");
      if (p % 10 === 0) version(`processed-${g}`, "dataset", { base: processed });
      const train = run(`train-${p}`, "train", `pipeline-${g}`);
      edge(train, processed, "used");
      edge(train, ids.hub, "used");
      let last = 0;
      for (let k = 0; k < CHECKPOINTS; k++) {
        last = version(`checkpoints-${g}`, "model", { deleted: k % 7 === 3 });
        edge(train, last, "logged");
      }
      const c = collection(`checkpoints-${g}`, "model");
      ins.alias.run(c.id, last, `best-${p}`, now);
      const evaluate = run(`eval-${p}`, "evaluate", `pipeline-${g}`);
      edge(evaluate, last, "used");
      edge(evaluate, processed, "used");
      const result = version(`eval-${g}`, "evaluation");
      edge(evaluate, result, "logged");
      if (p === 100) ids.typicalModel = last;
      if (g === 1) sweepCollection = c;
    }
    // The example: one run that used 400 versions of one collection.
    const sweep = run("sweep", "sweep");
    const sweepVersions = db.prepare("select id from versions where collection_id = ? order by id limit 400").all(sweepCollection.id);
    for (const v of sweepVersions) edge(sweep, v.id, "used");
    ids.sweepRunPk = sweep;
    ids.sweepCollectionId = sweepCollection.id;
    for (const c of collections.values()) ins.counters.run(c.next, c.live, c.id);
  })();
  const counts = db.prepare("select (select count(*) from runs) as runs, (select count(*) from versions) as versions, (select count(*) from run_edges) as edges").get();
  db.close();
  return { ...counts, nodes: counts.runs + counts.versions, ids };
}
