import { createCallerFactory, router } from "./init";
import { collectionsRouter } from "./routers/collections";
import { filesRouter } from "./routers/files";
import { projectsRouter } from "./routers/projects";
import { runsRouter } from "./routers/runs";
import { versionsRouter } from "./routers/versions";

export const appRouter = router({
  projects: projectsRouter,
  collections: collectionsRouter,
  versions: versionsRouter,
  runs: runsRouter,
  files: filesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
