import { TRPCError } from "@trpc/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, type TestWorld } from "../../testing/factory";
import { logArtifact } from "../../services/artifacts/log";
import { createContextInner } from "../init";
import { createCaller } from "../root";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

describe("files router", () => {
  it("lists a folder and previews a file through the services", async () => {
    await logArtifact(w.ctx, w.ns, "ds", { type: "dataset", aliases: [], entries: [await fileEntry(w.ctx, "a/b.txt", "hi"), await fileEntry(w.ctx, "c.json", "[1]")] });
    const api = createCaller(createContextInner(w.ctx));
    const v = { ...w.ns, name: "ds", version: "latest" };
    expect((await api.files.list(v)).items.map((i) => i.name)).toEqual(["a", "c.json"]);
    expect((await api.files.list({ ...v, dir: "a" })).items).toMatchObject([{ kind: "file", name: "b.txt", size: 2 }]);
    expect(await api.files.preview({ ...v, path: "c.json" })).toMatchObject({ kind: "json", text: "[\n  1\n]" });
  });

  it("refuses a path that climbs out of the version with a readable message", async () => {
    await logArtifact(w.ctx, w.ns, "ds", { type: "dataset", aliases: [], entries: [await fileEntry(w.ctx, "a", "1")] });
    const api = createCaller(createContextInner(w.ctx));
    const error = await api.files.list({ ...w.ns, name: "ds", version: "v0", dir: "../x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/invalid folder/) });
  });
});
