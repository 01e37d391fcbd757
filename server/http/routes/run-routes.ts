import { describeViewer } from "../../services/accounts/viewer";
import { projectVisibility } from "../../access/policy";
import { listRunArtifacts } from "../../services/artifacts/lineage";
import { useArtifact } from "../../services/artifacts/use";
import { resolveRef } from "../../services/artifacts/resolve";
import { loadVersionDto } from "../../services/artifacts/dto";
import { createRun, getRun, setRunState } from "../../services/runs/runs";
import { ZRunInput, ZRunState, ZUseInput } from "../../services/schemas";
import { ValidationError } from "../../errors";
import { listProjects } from "../../services/projects/projects";
import { json } from "../errors";
import { readJsonObject } from "../request";
import type { Route, RouteContext } from "../router";

export const ns = ({ params }: RouteContext) => ({ entity: params.entity!, project: params.project! });

export const runRoutes: Route[] = [
  /** Who the key (or session) is, like W&B's Viewer: clients take their default entity from it. */
  {
    method: "GET",
    pattern: "viewer",
    access: "signed-in",
    handle: ({ principal, ctx }) => json(200, describeViewer(ctx, principal)),
  },
  { method: "GET", pattern: "projects", access: "signed-in", pure: true, handle: async ({ ctx, principal }) => json(200, { projects: await listProjects(ctx, { visible: await projectVisibility(ctx, principal) }) }) },
  {
    method: "POST",
    pattern: "projects/:entity/:project/runs", access: "write",
    handle: async (rc) => json(200, await createRun(rc.ctx, ns(rc), ZRunInput.parse(await readJsonObject(rc.req)))),
  },
  {
    method: "GET",
    pattern: "projects/:entity/:project/runs/:run", access: "read", pure: true,
    handle: async (rc) => json(200, await getRun(rc.ctx, ns(rc), rc.params.run!)),
  },
  {
    method: "PATCH",
    pattern: "projects/:entity/:project/runs/:run", access: "write",
    handle: async (rc) => {
      const body = await readJsonObject(rc.req);
      return json(200, await setRunState(rc.ctx, ns(rc), rc.params.run!, ZRunState.parse(body.state)));
    },
  },
  {
    method: "GET",
    pattern: "projects/:entity/:project/runs/:run/logged", access: "read", pure: true,
    handle: async (rc) => json(200, { versions: await listRunArtifacts(rc.ctx, ns(rc), rc.params.run!, "logged") }),
  },
  {
    method: "GET",
    pattern: "projects/:entity/:project/runs/:run/used", access: "read", pure: true,
    handle: async (rc) => json(200, { versions: await listRunArtifacts(rc.ctx, ns(rc), rc.params.run!, "used") }),
  },
  {
    method: "POST",
    pattern: "projects/:entity/:project/use", access: "write",
    handle: async (rc) => json(200, await useArtifact(rc.ctx, ns(rc), ZUseInput.parse(await readJsonObject(rc.req)))),
  },
  {
    method: "GET",
    pattern: "projects/:entity/:project/resolve", access: "read", pure: true,
    handle: async (rc) => {
      const ref = rc.url.searchParams.get("ref");
      if (!ref) throw new ValidationError("resolve needs ?ref=name:alias");
      return json(200, await loadVersionDto(rc.ctx, (await resolveRef(rc.ctx, ns(rc), ref)).version.id));
    },
  },
];
