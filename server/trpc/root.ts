import { createCallerFactory, router } from "./init";
import { cleanupRouter } from "./routers/cleanup";
import { collectionsRouter } from "./routers/collections";
import { compareRouter } from "./routers/compare";
import { draftsRouter } from "./routers/drafts";
import { filesRouter } from "./routers/files";
import { lineageRouter } from "./routers/lineage";
import { projectsRouter } from "./routers/projects";
import { runsRouter } from "./routers/runs";
import { tablesRouter } from "./routers/tables";
import { versionsRouter } from "./routers/versions";

export const appRouter = router({
  projects: projectsRouter,
  collections: collectionsRouter,
  versions: versionsRouter,
  runs: runsRouter,
  files: filesRouter,
  compare: compareRouter,
  cleanup: cleanupRouter,
  drafts: draftsRouter,
  lineage: lineageRouter,
  tables: tablesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
