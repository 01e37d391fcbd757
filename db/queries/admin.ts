import type { DbHandle } from "../client";
import type { Database } from "../sql/sql";

/** What start-up and the `arca admin` CLI ask of the database beyond the services' queries. */

/** How many projects exist (start-up seeds the demo only into an empty instance). */
export async function countProjects({ sql }: DbHandle): Promise<number> {
  return (await sql.get<{ n: number }>("select count(*) as n from projects"))!.n;
}

/** Closes the connections: a one-shot CLI command is done with them. */
export function closeDb({ sql }: { sql: Database }): Promise<void> {
  return sql.close();
}
