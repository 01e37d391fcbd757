import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-graphql-"));
process.env.ARCA_DATA_DIR = dataDir;
process.env.ARCA_DEMO = "0";
const { handleWandbRequest } = await import("../http/handler");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function graphql(body: unknown) {
  const res = await handleWandbRequest(new Request("http://127.0.0.1/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown> | null; errors?: { message: string }[] } };
}

describe("POST /graphql", () => {
  it("answers an operation Arca does not implement with an error naming it", async () => {
    const { status, body } = await graphql({ query: "query LaunchAgents { launchAgents { id } }", operationName: "LaunchAgents" });
    expect(status).toBe(400);
    expect(body.errors![0]!.message).toMatch(/^Arca does not support the W&B operation LaunchAgents \(Cannot query field "launchAgents"/);
  });

  it("refuses a query that nests deeper than any the client sends", async () => {
    const loop = "artifactSequence { latestArtifact { ".repeat(10) + "id" + " } }".repeat(10);
    const { body } = await graphql({ query: `query Deep { artifact(id: "1") { ${loop} } }` });
    expect(body.errors![0]!.message).toMatch(/deeper than 16 levels/);
  });

  it("answers null for a project that does not exist, as W&B does", async () => {
    const { status, body } = await graphql({ query: `query { project(name: "nope", entityName: "nobody") { id } }` });
    expect(status).toBe(200);
    expect(body.data).toEqual({ project: null });
  });

  it("says what is wrong with a request that is not GraphQL", async () => {
    const { status, body } = await graphql({ operationName: "Viewer" });
    expect(status).toBe(400);
    expect(body.errors![0]!.message).toMatch(/"query" string/);
  });
});
