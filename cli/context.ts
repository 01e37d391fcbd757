import { statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { Api, Artifact, init, inferReferenceName, toValidName, type ClientOptions, type OnProgress, type Run } from "../sdk/index";
import { listOption, parseMetadata, parseReferenceSpec, stringOption, UsageError, type Values } from "./args";

/** The type given to new artifacts when --type is left out. */
export const DEFAULT_TYPE = "dataset";

/** --entity and --project; the base URL and API key come from ARCA_BASE_URL / ARCA_API_KEY. */
export function clientOptions(values: Values): ClientOptions {
  const options: ClientOptions = {};
  const entity = stringOption(values, "entity");
  const project = stringOption(values, "project");
  if (entity !== undefined) options.entity = entity;
  if (project !== undefined) options.project = project;
  return options;
}

export function makeApi(values: Values): Api {
  return new Api(clientOptions(values));
}

export function metadataOption(values: Values): Record<string, unknown> | undefined {
  const text = stringOption(values, "metadata");
  return text === undefined ? undefined : parseMetadata(text);
}

/** A file is added as its basename, a directory's contents at the artifact's root (like addDir(path)). */
export function addLocalPath(artifact: { addFile(p: string, n?: string): unknown; addDir(p: string, n?: string): unknown }, path: string, name?: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new UsageError(`no such file or directory: ${path}`);
  }
  if (isDirectory) artifact.addDir(path, name);
  else artifact.addFile(path, name);
}

/** --name, or the basename of the first PATH (or reference) made a valid name. */
export function artifactName(values: Values, paths: string[]): string {
  const given = stringOption(values, "name");
  if (given !== undefined) return given;
  const first = paths[0];
  const firstReference = listOption(values, "reference")[0];
  const source = first !== undefined ? basename(resolve(first)) : firstReference !== undefined ? inferReferenceName(parseReferenceSpec(firstReference).uri) : "";
  const name = toValidName(source);
  if (!name) throw new UsageError("cannot derive an artifact name from the arguments: pass --name");
  return name;
}

/** The Artifact that PATH arguments, --reference, --name, --type, --description and --metadata describe. */
export function buildArtifact(values: Values, paths: string[]): Artifact {
  const description = stringOption(values, "description");
  const metadata = metadataOption(values);
  const artifact = new Artifact(artifactName(values, paths), stringOption(values, "type") ?? DEFAULT_TYPE, {
    ...(description !== undefined ? { description } : {}),
    ...(metadata !== undefined ? { metadata } : {}),
  });
  for (const path of paths) addLocalPath(artifact, path);
  for (const spec of listOption(values, "reference")) {
    const { uri, name } = parseReferenceSpec(spec);
    artifact.addReference(uri, name);
  }
  return artifact;
}

/**
 * The run a command works in: --run ID resumes (or creates) that run and leaves it running; otherwise a run is made
 * when `required` or when --job-type/--group ask for one, and finished (or marked failed) when `work` ends.
 */
export async function withRun<T>(values: Values, { required, defaultJobType }: { required: boolean; defaultJobType?: string }, work: (run: Run | undefined) => Promise<T>): Promise<T> {
  const id = stringOption(values, "run");
  const jobType = stringOption(values, "job-type") ?? defaultJobType;
  const group = stringOption(values, "group");
  const wanted = required || stringOption(values, "job-type") !== undefined || group !== undefined;
  if (id === undefined && !wanted) return work(undefined);
  const run = await init({ ...clientOptions(values), ...(id !== undefined ? { id } : {}), ...(jobType !== undefined ? { jobType } : {}), ...(group !== undefined ? { group } : {}) });
  if (id !== undefined) return work(run);
  try {
    const result = await work(run);
    await run.finish("finished");
    return result;
  } catch (error) {
    await run.finish("failed").catch(() => undefined);
    throw error;
  }
}

/** `arca log` and `arca import`: logs the artifact from the run --run/--job-type/--group name, or from none. Answers the run. */
export async function logWithRun(values: Values, artifact: Artifact, options: { aliases: string[]; onProgress: OnProgress | undefined }): Promise<Run | undefined> {
  return withRun(values, { required: false }, async (run) => {
    await (run ? run.logArtifact(artifact, options) : makeApi(values).logArtifact(artifact, options));
    return run;
  });
}

/** The server's Version fields, plus what this call did: the shape of --json for log/upsert/finish/patch. */
export function commitJson(artifact: Artifact, run: Run | undefined): Record<string, unknown> {
  return {
    ...artifact.info,
    created: artifact.created ?? false,
    uploadedFiles: artifact.lastUpload?.filesUploaded ?? 0,
    uploadedBytes: artifact.lastUpload?.bytesUploaded ?? 0,
    runId: run?.id ?? null,
  };
}
