import { createCallerFactory, router } from "./init";
import { cleanupRouter } from "./routers/cleanup";
import { compareRouter } from "./routers/compare";
import { draftsRouter } from "./routers/drafts";
import { projectsRouter } from "./routers/projects";

export const appRouter = router({
  projects: projectsRouter,
  compare: compareRouter,
  cleanup: cleanupRouter,
  drafts: draftsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
