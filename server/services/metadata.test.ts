import { describe, expect, it } from "vitest";
import { createTestWorld } from "../testing/factory";
import { updateVersion } from "./artifacts/update";
import { logArtifact } from "./artifacts/log";
import { getVersion } from "./artifacts/read";
import { normalizeMetadata } from "./metadata";
import { ZLogInput, ZRunInput } from "./schemas";

const sent = '{"__proto__":{"polluted":1},"constructor":{"prototype":2},"n":NaN}';
const parsed = () => JSON.parse(sent.replace("NaN", "null")) as Record<string, unknown>;

describe("metadata keys are data", () => {
  it("keeps __proto__, constructor and prototype as ordinary keys", () => {
    const out = normalizeMetadata(parsed());
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":1},"constructor":{"prototype":2},"n":null}');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it("merges such keys on update without touching any prototype", async () => {
    const w = createTestWorld();
    try {
      await logArtifact(w.ctx, w.ns, "a", { type: "d", aliases: [], metadata: { a: 1 }, entries: [{ path: "x", ref: "s3://b/x", digest: "d", size: 0 }] });
      await updateVersion(w.ctx, w.ns, "a", "v0", { metadata: parsed(), replaceMetadata: false }, "test");
      const { metadata } = await getVersion(w.ctx, w.ns, "a", "v0");
      expect(JSON.stringify(metadata)).toBe('{"a":1,"__proto__":{"polluted":1},"constructor":{"prototype":2},"n":null}');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    } finally {
      await w.cleanup();
    }
  });
});

describe("metadata depth", () => {
  const nested = (depth: number): unknown => JSON.parse(`${"[".repeat(depth - 1)}{}${"]".repeat(depth - 1)}`);

  it("refuses metadata, config and extra deeper than 64 levels at input validation, with the depth", () => {
    const log = ZLogInput.safeParse({ type: "d", metadata: { a: nested(2500) } });
    expect(log.error?.issues[0]?.message).toBe("metadata is nested 2501 levels deep; the limit is 64: flatten it or store it as a file in the artifact");
    expect(ZRunInput.safeParse({ config: { a: nested(100) } }).success).toBe(false);
    expect(ZLogInput.safeParse({ type: "d", entries: [{ path: "x", extra: { a: nested(100) } }] }).success).toBe(false);
    expect(ZLogInput.safeParse({ type: "d", metadata: { a: nested(63) } }).success).toBe(true);
  });

  it("measures a 100,000-deep value without overflowing the stack", () => {
    expect(() => normalizeMetadata({ a: nested(100_000) })).toThrow(/nested 100001 levels deep/);
  });
});
