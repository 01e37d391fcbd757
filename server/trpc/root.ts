import { createCallerFactory, router } from "./init";
import { accountRouter } from "./routers/account";
import { adminRouter } from "./routers/admin";
import { cleanupRouter } from "./routers/cleanup";
import { collectionsRouter } from "./routers/collections";
import { compareRouter } from "./routers/compare";
import { draftsRouter } from "./routers/drafts";
import { filesRouter } from "./routers/files";
import { lineageRouter } from "./routers/lineage";
import { membersRouter } from "./routers/members";
import { projectsRouter } from "./routers/projects";
import { runsRouter } from "./routers/runs";
import { searchRouter } from "./routers/search";
import { tablesRouter } from "./routers/tables";
import { versionsRouter } from "./routers/versions";

export const appRouter = router({
  account: accountRouter,
  members: membersRouter,
  admin: adminRouter,
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
  search: searchRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
