import { TRPCError } from "@trpc/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, fileEntry, type TestWorld } from "../testing/factory";
import { logArtifact } from "../services/artifacts/log";
import { createContextInner } from "./init";
import { createCaller } from "./root";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

describe("tRPC routers", () => {
  it("list projects and their collections through the services", async () => {
    await logArtifact(w.ctx, w.ns, "cats", { type: "dataset", aliases: [], entries: [await fileEntry(w.ctx, "a", "1")] });
    const api = createCaller(createContextInner(w.ctx));
    expect(await api.projects.list()).toMatchObject([{ entity: "acme", project: "vision", collections: 1, versions: 1 }]);
    expect(await api.projects.collections(w.ns)).toMatchObject([{ name: "cats", type: "dataset", versionCount: 1 }]);
  });

  it("map domain errors to tRPC codes with the user-facing message", async () => {
    const api = createCaller(createContextInner(w.ctx));
    const error = await api.projects.collections({ entity: "nobody", project: "nothing" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: "NOT_FOUND", message: "project nobody/nothing does not exist" });
  });
});
