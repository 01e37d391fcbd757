// A worker thread for CPU-bound steps of a request (server/workers/tasks.ts): parsing and checking a large
// commit's manifest, the manifest digest. Plain JavaScript on purpose (it is loaded from disk by path,
// outside Next's bundles); the tasks themselves are TypeScript, loaded once with tsx.
import path from "node:path";
import { parentPort } from "node:worker_threads";
import { pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";

const list = tsImport(pathToFileURL(path.join(process.cwd(), "server", "workers", "task-list.ts")).href, import.meta.url);

parentPort.on("message", async (job) => {
  try {
    const { tasks } = await list;
    const task = tasks[job.task];
    if (!task) throw new Error(`no worker task ${job.task}`);
    const result = await task(job.input, (part) => parentPort.postMessage({ id: job.id, part }));
    parentPort.postMessage({ id: job.id, result });
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: describe(error) });
  }
});

/** Errors cross the thread as data: the main thread raises the same error again (tasks.ts). */
function describe(error) {
  if (error?.name === "ZodError" && Array.isArray(error.issues)) return { kind: "zod", issues: JSON.parse(JSON.stringify(error.issues)) };
  if (error?.[Symbol.for("arca.domain-error")] === true) return { kind: "domain", code: error.code, message: error.message };
  return { kind: "other", message: String(error?.stack ?? error?.message ?? error) };
}
