import crypto from "node:crypto";
import { z } from "zod";
import { NotFoundError } from "../../errors";

/**
 * URLs that carry their own authorization: the W&B client PUTs file bytes to the `uploadUrl` the
 * server hands out and GETs each `directUrl` without sending its API key, as it does with cloud
 * storage's pre-signed URLs. A token names exactly one object and what may be done to it, expires,
 * and is signed with a server secret (HMAC-SHA256), so it cannot be widened or replayed elsewhere.
 * Store-agnostic: the bytes still go through the blob services, whichever BlobStore is configured.
 */
export const UPLOAD_URL_TTL_MS = 15 * 60 * 1000;
/** Downloads of a large artifact run longer than an upload of one file: its URLs live an hour. */
export const DOWNLOAD_URL_TTL_MS = 60 * 60 * 1000;
/** A multipart upload (files of 2 GiB and more) queues its parts: its part URLs and its id live six hours. */
export const MULTIPART_TTL_MS = 6 * 60 * 60 * 1000;

export const ZSignedGrant = z.discriminatedUnion("k", [
  /** PUT the bytes whose MD5 (base64) is `md5`; the server computes SHA-256 and stores the blob. */
  z.object({ k: z.literal("put-file"), md5: z.string() }),
  /** PUT the W&B manifest of draft `v` (`FULL` replaces the draft's entries, `PATCH` merges). */
  z.object({ k: z.literal("put-manifest"), v: z.number().int(), t: z.enum(["FULL", "PATCH", "INCREMENTAL"]), digest: z.string().optional() }),
  /** PUT part `n` of multipart upload `up`, whose MD5 (hex) is `md5`. */
  z.object({ k: z.literal("put-part"), up: z.string(), n: z.number().int().positive(), md5: z.string() }),
  /** The id of a multipart upload: the whole file's MD5 (base64) and its number of parts. */
  z.object({ k: z.literal("multipart"), md5: z.string(), parts: z.number().int().positive() }),
  /** PUT a run file (config.yaml, output.log…): accepted and not kept (docs/wandb.md). */
  z.object({ k: z.literal("put-run-file") }),
  /** GET one blob. */
  z.object({ k: z.literal("get-blob"), sha: z.string() }),
  /** GET the W&B manifest of version `v`. */
  z.object({ k: z.literal("get-manifest"), v: z.number().int() }),
]);
export type SignedGrant = z.infer<typeof ZSignedGrant>;

const ZToken = z.object({ exp: z.number() }).and(ZSignedGrant);

function mac(secret: string, payload: string): string {
  return crypto.createHmac("sha256", secret).update(payload).digest("base64url");
}

/** A token for `grant`, valid for `ttlMs` from `now`. */
export function signGrant(secret: string, grant: SignedGrant, now: number, ttlMs: number): string {
  const payload = Buffer.from(JSON.stringify({ ...grant, exp: now + ttlMs })).toString("base64url");
  return `${payload}.${mac(secret, payload)}`;
}

/**
 * The grant a token carries, or NotFoundError: a forged, altered or expired URL looks like a
 * missing object, as with cloud storage, and says how to get a fresh one.
 */
export function verifyGrant(secret: string, token: string, now: number): SignedGrant {
  const [payload = "", signature = ""] = token.split(".", 2);
  const expected = mac(secret, payload);
  const valid = signature.length === expected.length && crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
  const refused = new NotFoundError("this signed URL is not valid (altered, or signed by another server) or has expired; ask the server for a new one");
  if (!valid) throw refused;
  let parsed: z.infer<typeof ZToken>;
  try {
    parsed = ZToken.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    throw refused;
  }
  if (parsed.exp < now) throw refused;
  const { exp: _exp, ...grant } = parsed;
  return grant;
}

/** The signing key: derived from the server's session secret, so URLs survive a restart. */
export function deriveSigningSecret(serverSecret: string): string {
  return mac(serverSecret, "arca signed urls v1");
}
