import type { APIRequestContext } from "@playwright/test";
import { expect } from "@playwright/test";

/** Seeding through the documented HTTP API, the way a client would. */
export const NS = { entity: "e2e", project: "browse" };

const base = (ns = NS) => `/api/v1/projects/${ns.entity}/${ns.project}`;

/** Logs a version made of one reference entry (no upload needed); `i` makes its digest unique. */
export async function logRefVersion(
  request: APIRequestContext,
  name: string,
  i: number,
  extra: { type?: string; aliases?: string[]; metadata?: Record<string, unknown>; description?: string; runId?: string } = {},
) {
  const res = await request.post(`${base()}/artifacts/${name}/log`, {
    data: {
      type: extra.type ?? "dataset",
      aliases: extra.aliases ?? [],
      metadata: extra.metadata ?? { i },
      description: extra.description ?? "",
      runId: extra.runId,
      entries: [{ path: "data.csv", ref: `https://example.com/${name}/${i}.csv`, digest: `etag-${name}-${i}`, size: 100 + i }],
    },
  });
  expect(res.ok(), await res.text()).toBeTruthy();
  return (await res.json()) as { version: string; id: number };
}

export async function createRun(request: APIRequestContext, id: string, jobType = "train") {
  const res = await request.post(`${base()}/runs`, { data: { id, name: `run ${id}`, jobType, config: { lr: 0.01, layers: [64, 32] } } });
  expect(res.ok(), await res.text()).toBeTruthy();
}
