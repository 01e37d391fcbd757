import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import http from "node:http";
import https from "node:https";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Client } from "./client";
import { ArcaError, responseError, unreachableError } from "./errors";
import { FileSender } from "./file-sender";
import { CHUNK_SIZE } from "./hash";

// Blob bytes go through node:http streams rather than fetch so that memory never grows with the file size.
// Keep-alive agents reuse connections across the thousand small PUTs of a big directory.
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 8 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 8 }),
};

function openRequest(client: Client, method: string, path: string, headers: Record<string, string>) {
  return openUrl(client.url(path), method, headers, client.settings.baseUrl);
}

/** A request to any URL: Arca's API, or a pre-signed object-store URL (direct transfers) named by `server`. */
function openUrl(href: string, method: string, headers: Record<string, string>, server: string) {
  const url = new URL(href);
  const transport = url.protocol === "https:" ? https : http;
  const agent = url.protocol === "https:" ? agents["https:"] : agents["http:"];
  const request = transport.request(url, { method, headers, agent });
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    request.on("response", resolve);
    request.on("error", (error: NodeJS.ErrnoException) => {
      const network = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"].includes(error.code ?? "");
      reject(network ? unreachableError(server, error) : error);
    });
  });
  return { request, response, url: url.href };
}

async function readText(response: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * One request with an optional in-memory body, answered as text: the JSON calls of Client. node:http rather than
 * fetch: the first fetch of a process costs ~60 ms of start-up (undici), which every CLI command would pay.
 */
export async function exchange(client: Client, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; text: string }> {
  const { request, response } = openRequest(client, method, path, body === undefined ? headers : { ...headers, "content-length": String(body.length) });
  request.end(body);
  const answer = await response;
  return { status: answer.statusCode ?? 0, text: await readText(answer) };
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface BlobToUpload {
  localPath: string;
  sha256: string;
  size: number;
}

/**
 * PUT /blobs/{sha256}, streamed from disk in 1 MiB chunks; the server verifies size and SHA-256 and computes the MD5
 * itself (no X-Arca-MD5: the client does not compute it).
 */
export async function uploadBlob(client: Client, blob: BlobToUpload, onBytes: (bytes: number) => void): Promise<void> {
  const { request, response, url } = openRequest(client, "PUT", `/blobs/${blob.sha256}`, client.headers({
    "content-type": "application/octet-stream",
    "content-length": String(blob.size),
  }));
  sendThenEnd(request, (sender) => sender.send(blob.localPath, 0, blob.size, onBytes));
  const answer = await response;
  const text = await readText(answer);
  const status = answer.statusCode ?? 0;
  if (status < 200 || status >= 300) throw responseError(status, text, url);
}

/**
 * Writes a request's body with `write` and ends it. A file that cannot be read fails the request with that error;
 * a server that refuses early (401, 422) closes the socket mid-body: its answer matters, not the broken pipe.
 */
function sendThenEnd(request: http.ClientRequest, write: (sender: FileSender) => Promise<void>): void {
  const sender = new FileSender(request);
  write(sender).then(
    () => request.end(),
    (error: Error) => request.destroy(error),
  );
}

/**
 * POST /blobs/batch: many small blobs in one streamed request, each a JSON header line and then its bytes.
 * Per-request work on the server dominates for small files, so a thousand 1 MiB files go as a few dozen requests.
 */
export async function uploadBlobPack(client: Client, blobs: readonly BlobToUpload[], onBytes: (bytes: number) => void): Promise<void> {
  const { request, response, url } = openRequest(client, "POST", "/blobs/batch", client.headers({ "content-type": "application/octet-stream" }));
  sendThenEnd(request, async (sender) => {
    for (const blob of blobs) {
      if (sender.stopped) return;
      request.write(`${JSON.stringify({ sha256: blob.sha256, size: blob.size })}\n`);
      await sender.send(blob.localPath, 0, blob.size, onBytes);
    }
  });
  const answer = await response;
  const text = await readText(answer);
  const status = answer.statusCode ?? 0;
  if (status < 200 || status >= 300) throw responseError(status, text, url);
}

/**
 * PUTs `length` bytes of a file from `start` to a pre-signed URL (direct transfers): no Arca credentials, the URL
 * authorizes; the store's answer is checked here, and Arca verifies the bytes when the upload is completed.
 * Answers the ETag, which a multipart upload's completion needs.
 */
export async function putToUrl(target: { url: string; headers: Record<string, string> }, file: { localPath: string; start: number; length: number }, onBytes: (bytes: number) => void): Promise<string> {
  const storage = new URL(target.url).origin;
  const { request, response } = openUrl(target.url, "PUT", { ...target.headers, "content-length": String(file.length) }, `the object store at ${storage}`);
  sendThenEnd(request, (sender) => sender.send(file.localPath, file.start, file.length, onBytes));
  const answer = await response;
  const text = await readText(answer);
  const status = answer.statusCode ?? 0;
  if (status < 200 || status >= 300) {
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
    throw new ArcaError(`the object store at ${storage} refused the upload of ${file.localPath}: ${status}${code ? ` ${code}` : ""}`, { status, code: "DIRECT_UPLOAD_FAILED" });
  }
  return String(answer.headers.etag ?? "");
}

export interface DownloadedFile {
  md5: string;
  size: number;
}

/** GETs `path` into `destination` (which should be a temporary name), hashing the bytes as they pass. */
export async function downloadToFile(client: Client, path: string, destination: string, onBytes: (bytes: number) => void): Promise<DownloadedFile> {
  let { request, response, url } = openRequest(client, "GET", path, client.headers());
  request.end();
  let answer = await response;
  let status = answer.statusCode ?? 0;
  const location = answer.headers.location;
  if (REDIRECTS.has(status) && location) {
    // Direct transfers: the bytes come from a pre-signed URL of the object store, fetched without Arca's credentials.
    answer.resume();
    ({ request, response, url } = openUrl(new URL(location, url).href, "GET", {}, `the object store at ${new URL(location, url).origin}`));
    request.end();
    answer = await response;
    status = answer.statusCode ?? 0;
  }
  if (status !== 200) throw responseError(status, await readText(answer), url);
  const md5 = createHash("md5");
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      md5.update(chunk);
      size += chunk.length;
      onBytes(chunk.length);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(answer, measure, createWriteStream(destination, { highWaterMark: CHUNK_SIZE }));
  } catch (cause) {
    throw new ArcaError(`download of ${url} failed: ${(cause as Error).message}`, { code: "DOWNLOAD_FAILED", cause });
  }
  return { md5: md5.digest("base64"), size };
}
