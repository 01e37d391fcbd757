import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestWorld, type TestWorld } from "../../testing/factory";
import { findProject } from "../projects/projects";
import { applyFileStream, upsertWandbRun } from "./runs";

let w: TestWorld;
beforeEach(() => (w = createTestWorld()));
afterEach(() => w.cleanup());

describe("upsertWandbRun", () => {
  it("creates a run with W&B's fields, then updates it by its run id", async () => {
    const first = await upsertWandbRun(w.ctx, w.ns, { name: "r1", jobType: "train", groupName: "g", config: JSON.stringify({ lr: { value: 0.1, desc: null }, _wandb: { value: {} } }) });
    expect(first.inserted).toBe(true);
    expect([first.run.runId, first.run.jobType, first.run.group, JSON.parse(first.run.config)]).toEqual(["r1", "train", "g", { lr: 0.1 }]);
    const again = await upsertWandbRun(w.ctx, w.ns, { name: "r1", state: "finished", summaryMetrics: JSON.stringify({ acc: 0.9, _wandb: {} }) });
    expect(again.inserted).toBe(false);
    expect([again.run.id, again.run.state, JSON.parse(again.run.summary)]).toEqual([first.run.id, "finished", { acc: 0.9 }]);
  });

  it("finds the run by the id this server returned when the client sends no run name", async () => {
    const { run } = await upsertWandbRun(w.ctx, w.ns, { name: "r1" });
    const byId = await upsertWandbRun(w.ctx, w.ns, { id: String(run.id), displayName: "renamed" });
    expect(byId.inserted).toBe(false);
    expect([byId.run.id, byId.run.runId, byId.run.name]).toEqual([run.id, "r1", "renamed"]);
    const count = await w.ctx.sql.get<{ n: number }>("select count(*) as n from runs where project_id = ?", [(await findProject(w.ctx, w.ns))!.id]);
    expect(count?.n).toBe(1);
  });
});

describe("applyFileStream", () => {
  it("keeps the last summary, counts history rows and sets the final state", async () => {
    const { run } = await upsertWandbRun(w.ctx, w.ns, { name: "r1" });
    await applyFileStream(w.ctx, run, { files: { "wandb-history.jsonl": { content: ["{}", "{}"] }, "wandb-summary.json": { content: ['{"a":1}', '{"a":2}'] } } });
    await applyFileStream(w.ctx, run, { files: { "wandb-history.jsonl": { content: ["{}"] } }, complete: true, exitcode: 1 });
    const { run: after } = await upsertWandbRun(w.ctx, w.ns, { name: "r1" });
    expect([after.historyLineCount, JSON.parse(after.summary), after.state]).toEqual([3, { a: 2 }, "failed"]);
  });
});
