// Blob transfers on each store (issue "Blobs on S3-compatible object storage"), in one run on one
// 1,000-file / 1 GiB directory: `arca log` and `arca download` with the local store, the local store
// encrypted at rest, S3 through Arca and S3 with direct transfers (an s3rver on loopback), as ratios to
// `cp -r` + `sync` (log) and `cat` to /dev/null (download); and S3 direct against a plain upload of the
// same files to the same S3 server (the AWS SDK, 8 at a time), which is the floor for bytes into that store.
// The S3 server is the tests' s3rver (bench/s3rver.mjs), once as is and once checking x-amz-checksum-sha256
// as AWS S3 and MinIO do (the direct path then skips the read-back and the copy).
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { makeDataset, run, seconds, startS3rver, startServer, timed } from "./lib.mjs";

const root = process.env.BENCH_DIR ?? path.join(os.tmpdir(), "arca-bench-transfers");
const port = Number(process.env.BENCH_PORT ?? 3250);
const bucket = "arca";
const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

function listFiles(dir) {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}


/**
 * The floor: every file PUT straight into the S3 server, 8 at a time, as `aws s3 cp --recursive` would.
 * `checksums`: each PUT carries its SHA-256 (x-amz-checksum-sha256), so a store that checks them does the same
 * work as for Arca's direct uploads; the fair floor there.
 */
async function plainS3Upload(endpoint, src, { checksums = false } = {}) {
  const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials });
  const files = listFiles(src);
  // The digests are the client's business, known before the clock starts: the floor is the store's own time.
  const sums = new Map(checksums ? files.map((f) => [f, createHash("sha256").update(fs.readFileSync(f)).digest("base64")]) : []);
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < files.length) {
        const file = files[next++];
        const sum = checksums ? { ChecksumSHA256: sums.get(file) } : {};
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: `plain/${path.relative(src, file)}`, Body: fs.createReadStream(file), ContentLength: fs.statSync(file).size, ...sum }));
      }
    }),
  );
  client.destroy();
  return (performance.now() - start) / 1000;
}

function arca(url, args, cacheDir) {
  // A fresh hash cache per store: each log hashes every file, as a first log does.
  return run(process.execPath, ["cli/bin.mjs", ...args], { env: { ...process.env, ARCA_BASE_URL: url, ARCA_ENTITY: "bench", ARCA_PROJECT: "transfers", ARCA_CACHE_DIR: cacheDir } });
}

async function main() {
  fs.mkdirSync(root, { recursive: true });
  const src = path.join(root, "src");
  console.log(`# transfers benchmark in ${root} (${os.cpus().length} cores, node ${process.version})`);
  console.log("generating 1,000 files, 1 GiB …");
  makeDataset(src);

  const copyDir = path.join(root, "copy");
  fs.rmSync(copyDir, { recursive: true, force: true });
  const copy = timed("sh", ["-c", `cp -r "${src}" "${copyDir}" && sync`]).seconds;
  fs.rmSync(copyDir, { recursive: true, force: true });
  const cat = timed("sh", ["-c", `find "${src}" -type f -exec cat {} + > /dev/null`]).seconds;

  const s3 = await startS3rver(path.join(root, "s3rver"), port + 1);
  const checking = await startS3rver(path.join(root, "s3rver-checking"), port + 2, { checksums: true });
  const s3Env = {
    AWS_ENDPOINT_URL: s3.endpoint,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ARCA_S3_FORCE_PATH_STYLE: "1",
  };
  // The local pair runs twice, alternating, and keeps each one's faster run: the encryption cost is a
  // difference of two similar figures, and one run each on a shared 2-core machine is mostly noise.
  const key = randomBytes(32).toString("base64");
  const modes = [
    { label: "local store", env: {} },
    { label: "local store, encrypted", env: { ARCA_ENCRYPTION_KEY: key } },
    { label: "local store", env: {} },
    { label: "local store, encrypted", env: { ARCA_ENCRYPTION_KEY: key } },
    { label: "S3 through Arca", env: { ...s3Env, ARCA_STORAGE: `s3://${bucket}/through` } },
    { label: "S3 direct", env: { ...s3Env, ARCA_STORAGE: `s3://${bucket}/direct`, ARCA_S3_DIRECT: "1" } },
    // As on AWS S3 or MinIO: the store checks the signed SHA-256, so files go straight to their blob keys.
    { label: "S3 direct, store checks checksums", env: { ...s3Env, AWS_ENDPOINT_URL: checking.endpoint, ARCA_STORAGE: `s3://${bucket}/direct`, ARCA_S3_DIRECT: "1" } },
  ];
  const rows = [];
  let plain = 0;
  let plainChecked = 0;
  try {
    run("sync", []);
    plain = await plainS3Upload(s3.endpoint, src);
    run("sync", []);
    plainChecked = await plainS3Upload(checking.endpoint, src, { checksums: true });
    for (const mode of modes) {
      const server = await startServer({ port, dataDir: path.join(root, "data"), env: mode.env, asNpmStart: true });
      try {
        const cacheDir = fs.mkdtempSync(path.join(root, "cache-"));
        run("sync", []);
        const log = seconds(() => arca(server.url, ["log", src, "--name", "bench", "--type", "dataset", "--json"], cacheDir)).seconds;
        run("sync", []);
        const out = path.join(root, "download");
        fs.rmSync(out, { recursive: true, force: true });
        const download = seconds(() => arca(server.url, ["download", "bench:v0", "--root", out], cacheDir)).seconds;
        if (listFiles(out).length !== 1000) throw new Error(`${mode.label}: download holds ${listFiles(out).length} files`);
        fs.rmSync(out, { recursive: true, force: true });
        const earlier = rows.find((r) => r.label === mode.label);
        if (!earlier) rows.push({ ...mode, log, download });
        else Object.assign(earlier, { log: Math.min(earlier.log, log), download: Math.min(earlier.download, download) });
      } finally {
        server.stop();
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  } finally {
    s3.stop();
    checking.stop();
  }

  console.log("");
  console.log(`cp -r + sync                      ${copy.toFixed(2).padStart(6)} s`);
  console.log(`cat all files > /dev/null         ${cat.toFixed(2).padStart(6)} s`);
  console.log(`plain upload to the S3 server     ${plain.toFixed(2).padStart(6)} s   (AWS SDK, 8 at a time)`);
  console.log(`  the same with SHA-256 checksums  ${plainChecked.toFixed(2).padStart(6)} s   (to the server that checks them)`);
  console.log("");
  console.log("| store | log | log / cp | download | download / cat |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const r of rows) {
    console.log(`| ${r.label} | ${r.log.toFixed(2)} s | ${(r.log / copy).toFixed(2)}x | ${r.download.toFixed(2)} s | ${(r.download / cat).toFixed(2)}x |`);
  }
  const local = rows.find((r) => r.label === "local store");
  const enc = rows.find((r) => r.label === "local store, encrypted");
  const direct = rows.find((r) => r.label === "S3 direct");
  const checked = rows.find((r) => r.label === "S3 direct, store checks checksums");
  console.log("");
  console.log(`S3 direct log / plain upload to the S3 server: ${(direct.log / plain).toFixed(2)}x; on a store that checks checksums ${(checked.log / plain).toFixed(2)}x (target ≤ 1.5x)`);
  console.log(`  on the store that checks checksums, against a plain upload with the same checksums: ${(checked.log / plainChecked).toFixed(2)}x`);
  console.log(`encryption cost on the local store: log +${((enc.log / local.log - 1) * 100).toFixed(0)}%, download +${((enc.download / local.download - 1) * 100).toFixed(0)}% (target < 20%)`);
  if (!process.env.BENCH_KEEP) fs.rmSync(root, { recursive: true, force: true });
}

await main();
