import { createCallerFactory, router } from "./init";
import { projectsRouter } from "./routers/projects";
import { tablesRouter } from "./routers/tables";

export const appRouter = router({
  projects: projectsRouter,
  tables: tablesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
