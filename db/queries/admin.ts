import type { LegacyDbHandle } from "../client";
import { prepared } from "../statements";

/** What start-up and the `arca admin` CLI ask of the database beyond the services' queries. */

/** How many projects exist (start-up seeds the demo only into an empty instance). */
export function countProjects({ sqlite }: LegacyDbHandle): number {
  return prepared<[], { n: number }>(sqlite, "select count(*) as n from projects").get()!.n;
}

/** Closes the connection: a one-shot CLI command is done with it. */
export function closeDb({ sqlite }: LegacyDbHandle): void {
  sqlite.close();
}
