// `node bench/s3rver.mjs PORT DIR [--checksums]`: the tests' s3rver (with their shims) as a process of its own
// for benchmarks; `--checksums` makes it check x-amz-checksum-sha256 as AWS S3 and MinIO do. Stops on SIGTERM.
import { tsImport } from "tsx/esm/api";

const [port, directory] = process.argv.slice(2);
const { startS3rver } = await tsImport("../server/storage/testing/s3rver.ts", import.meta.url);
const s3 = await startS3rver({ checksums: process.argv.includes("--checksums"), port: Number(port), directory });
console.log(s3.endpoint);
process.on("SIGTERM", () => void s3.stop().then(() => process.exit(0)));
