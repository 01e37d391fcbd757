import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { S3RVER_CREDENTIALS, startS3rver, type TestS3 } from "../storage/testing/s3rver";
import { createTestSchema } from "./postgres";

/** One Arca instance in a process of its own (server/testing/instance-main.ts), with a data dir of its own. */
export interface Instance {
  url: string;
  child: ChildProcess;
  dataDir: string;
}

/** What instances sharing one PostgreSQL database and one s3rver bucket (under `prefix`) are configured with. */
export function sharedStoreEnv({ s3, databaseUrl, prefix }: { s3: TestS3; databaseUrl: string; prefix: string }): Record<string, string> {
  return {
    ARCA_DATABASE_URL: databaseUrl,
    ARCA_STORAGE: `s3://${s3.bucket}/${prefix}`,
    AWS_ENDPOINT_URL: s3.endpoint,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    ARCA_S3_FORCE_PATH_STYLE: "1",
  };
}

/** Starts an instance and resolves once it listens. */
export async function startInstance(env: Record<string, string>): Promise<Instance> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-instance-"));
  const child = spawn(process.execPath, ["--import", "tsx", "server/testing/instance-main.ts"], {
    env: { ...process.env, ...env, ARCA_DATA_DIR: dataDir, ARCA_DEMO: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on("exit", (code) => reject(new Error(`instance exited with ${code} before it listened`)));
  });
  return { url, child, dataDir };
}

/** Stops the instances and waits for them to exit (before their database is dropped), then removes their data dirs. */
export async function stopInstances(instances: readonly (Instance | undefined)[]): Promise<void> {
  await Promise.all(
    instances.map(async (instance) => {
      if (!instance) return;
      if (instance.child.exitCode === null && instance.child.signalCode === null) {
        const exited = new Promise((resolve) => instance.child.once("exit", resolve));
        instance.child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(instance.dataDir, { recursive: true, force: true });
    }),
  );
}

/** Two instances on a fresh PostgreSQL schema and the run's s3rver, filled in by `beforeAll`. */
export interface TwoInstances {
  a: Instance;
  b: Instance;
  s3: TestS3;
  schema: { url: string; drop(): Promise<void> };
}

/**
 * Inside a `describe`: starts two instances sharing a new PostgreSQL schema and an s3rver bucket
 * (`prefix` in it; `env` adds settings) before its tests, and stops them, then the stores, after.
 */
export function twoInstancesPerSuite({ postgresUrl, prefix, env = () => ({}) }: { postgresUrl: string; prefix: string; env?: () => Record<string, string> }): TwoInstances {
  const world = {} as TwoInstances;
  beforeAll(async () => {
    world.s3 = await startS3rver();
    world.schema = await createTestSchema(postgresUrl);
    const settings = { ...sharedStoreEnv({ s3: world.s3, databaseUrl: world.schema.url, prefix }), ...env() };
    [world.a, world.b] = await Promise.all([startInstance(settings), startInstance(settings)]);
  }, 120_000);
  afterAll(async () => {
    await stopInstances([world.a, world.b]);
    await world.s3?.stop();
    await world.schema?.drop();
  });
  return world;
}
