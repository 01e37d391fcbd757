import { createCallerFactory, router } from "./init";
import { filesRouter } from "./routers/files";
import { projectsRouter } from "./routers/projects";

export const appRouter = router({
  projects: projectsRouter,
  files: filesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
