import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, type TestWorld } from "../../testing/factory";
import { logArtifact } from "../../services/artifacts/log";
import type { Principal } from "../../access/principal";
import { createContextInner } from "../init";
import { createCaller } from "../root";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

const user = (name: string, isAdmin = false): Principal => ({ kind: "user", userId: `id-${name}`, name, isAdmin, key: null });

describe("projects.get", () => {
  it("says whether the visitor may open the entity's members page (entity admins, not local mode)", async () => {
    await logArtifact(w.ctx, w.ns, "ds", { type: "dataset", aliases: [], entries: [await fileEntry(w.ctx, "a", "1")] });
    const get = (p: Principal) => createCaller(createContextInner(w.ctx, p)).projects.get(w.ns);
    expect(await get(user("root", true))).toMatchObject({ role: "admin", canManageMembers: true });
    // A personal entity is its owner's to manage.
    const own = { entity: "alice", project: "p" };
    await logArtifact(w.ctx, own, "ds", { type: "dataset", aliases: [], entries: [await fileEntry(w.ctx, "b", "2")] });
    expect(await createCaller(createContextInner(w.ctx, user("alice"))).projects.get(own)).toMatchObject({ role: "admin", canManageMembers: true });
    // Local mode: full rights, but there are no members to manage.
    expect(await get({ kind: "local", name: "me" })).toMatchObject({ role: "admin", canManageMembers: false });
  });
});
