import { describe, expect, it } from "vitest";
import { describeAudit } from "./audit-words";

const ev = (action: string, target: string, detail: Record<string, unknown> = {}) => ({ actor: "alice", action, target, detail });

describe("describeAudit", () => {
  it("says who granted what on which scope, and a change of role as a change", () => {
    expect(describeAudit(ev("role.grant", "acme/vision", { user: "bob", role: "editor", before: null }))).toBe("alice granted bob editor on acme/vision");
    expect(describeAudit(ev("role.grant", "acme", { user: "bob", role: "admin", before: "viewer" }))).toBe("alice changed bob from viewer to admin on acme");
    expect(describeAudit(ev("role.revoke", "acme", { user: "bob", before: "editor" }))).toBe("alice removed bob (editor) from acme");
  });
  it("names keys with their owner", () => {
    expect(describeAudit(ev("key.revoke", "bob/ci", { owner: "bob" }))).toBe("alice revoked key ci of bob");
    expect(describeAudit(ev("key.create", "bob/ci", { owner: "bob", entity: "acme", project: null, readOnly: true, expiresAt: null }))).toBe("alice created key ci of bob (acme, read-only)");
  });
  it("puts deletions, cleanups and gc in words with sizes", () => {
    expect(describeAudit(ev("version.delete", "demo/p/cats:v3", { deleteAliases: false }))).toBe("alice deleted demo/p/cats:v3");
    expect(describeAudit(ev("gc", "blobs", { blobsDeleted: 12, bytesFreed: 4_100_000 }))).toBe("alice ran gc: 12 blobs, 3.9 MiB");
    expect(describeAudit(ev("cleanup", "demo/p", { versions: 1, bytesFreed: 10 }))).toBe("alice cleaned up demo/p: 1 version, 10 B to reclaim");
  });
  it("falls back to the raw action for one it does not know", () => {
    expect(describeAudit(ev("something.new", "x"))).toBe("alice something.new x");
  });
});
