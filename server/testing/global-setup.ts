import type { TestProject } from "vitest/node";
import { startS3rver, type TestS3 } from "../storage/testing/s3rver";
import { startTestPostgres, type TestPostgres } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** Set when ARCA_TEST_STORE=s3: the s3rver every createTestWorld() keeps its blobs in. */
    s3Endpoint: string | undefined;
    /** A throwaway PostgreSQL database for this run (server/testing/postgres.ts), when one could be had. */
    postgresUrl: string | undefined;
  }
}

let s3: TestS3 | undefined;
let postgres: TestPostgres | undefined;

/** `npm run test:unit:team` (ARCA_TEST_STORE=s3): one s3rver for the whole run, each test world under its own prefix. */
export async function setup(project: TestProject): Promise<void> {
  if (process.env.ARCA_TEST_STORE === "s3") s3 = await startS3rver();
  project.provide("s3Endpoint", s3?.endpoint);
  postgres = startTestPostgres();
  project.provide("postgresUrl", postgres?.url);
}

export async function teardown(): Promise<void> {
  await s3?.stop();
  await postgres?.stop();
}
