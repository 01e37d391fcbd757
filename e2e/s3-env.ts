import os from "node:os";
import path from "node:path";

/** The S3 servers of the e2e run (playwright.config.ts): an s3rver on E2E_PORT + 3 and `npm start` with direct transfers on + 4. */
export const S3_PORT = Number(process.env.E2E_PORT ?? 3100) + 3;
export const S3_ARCA_PORT = S3_PORT + 1;
export const S3_ARCA_URL = `http://127.0.0.1:${S3_ARCA_PORT}`;
export const S3_DIR = path.join(os.tmpdir(), `arca-e2e-${S3_PORT}-s3rver`);
export const S3_DATA_DIR = path.join(os.tmpdir(), `arca-e2e-${S3_ARCA_PORT}-s3-data`);
export const S3_BUCKET = "arca";
