import { createCallerFactory, router } from "./init";
import { lineageRouter } from "./routers/lineage";
import { projectsRouter } from "./routers/projects";

export const appRouter = router({
  projects: projectsRouter,
  lineage: lineageRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
