import { createHash } from "node:crypto";
import { ValidationError } from "../errors";

export interface EncryptionKey {
  /** First 8 hex digits of SHA-256(key): names the key in every blob header without revealing it. */
  id: string;
  key: Buffer;
}

/** Encrypts with `current`; decrypts with any key it holds (the current one and the old ones, while rotating). */
export interface Keyring {
  current: EncryptionKey;
  byId: ReadonlyMap<string, EncryptionKey>;
}

const BASE64_32_BYTES = /^[A-Za-z0-9+/]{43}=$/;

export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

function parseKey(text: string, variable: string): EncryptionKey {
  const trimmed = text.trim();
  if (!BASE64_32_BYTES.test(trimmed)) {
    throw new ValidationError(`${variable} must be 32 random bytes in base64 (44 characters ending in "="), for example the output of: openssl rand -base64 32`);
  }
  const key = Buffer.from(trimmed, "base64");
  return { id: keyIdOf(key), key };
}

/**
 * The keyring from ARCA_ENCRYPTION_KEY (the key new blobs are encrypted with) and
 * ARCA_ENCRYPTION_OLD_KEYS (comma-separated keys that only decrypt, while `arca admin rotate-key` runs);
 * undefined when encryption is off. A malformed key stops the server at start, never at the first upload.
 */
export function readKeyring(env: Record<string, string | undefined>): Keyring | undefined {
  const currentText = env.ARCA_ENCRYPTION_KEY?.trim();
  const oldTexts = (env.ARCA_ENCRYPTION_OLD_KEYS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (!currentText) {
    if (oldTexts.length > 0) throw new ValidationError("ARCA_ENCRYPTION_OLD_KEYS is set but ARCA_ENCRYPTION_KEY is not: set ARCA_ENCRYPTION_KEY to the key blobs should be encrypted with");
    return undefined;
  }
  const current = parseKey(currentText, "ARCA_ENCRYPTION_KEY");
  const byId = new Map<string, EncryptionKey>([[current.id, current]]);
  oldTexts.forEach((text, i) => {
    const old = parseKey(text, `ARCA_ENCRYPTION_OLD_KEYS (key ${i + 1})`);
    byId.set(old.id, old);
  });
  return { current, byId };
}
