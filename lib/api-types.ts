/** Wire shapes of the HTTP API (docs/api.md): the server answers them, the SDK reads them. One definition for both. */

export type VersionState = "PENDING" | "COMMITTED" | "DELETED";
export type RunState = "running" | "finished" | "crashed" | "failed";

/** A version as every client sees it (docs/api.md "Version"). */
export interface VersionDto {
  id: number;
  entity: string;
  project: string;
  name: string;
  type: string;
  ref: string;
  version: string | null;
  versionIndex: number | null;
  state: VersionState;
  digest: string | null;
  size: number;
  fileCount: number;
  description: string;
  metadata: Record<string, unknown>;
  aliases: string[];
  revision: number;
  distributedId: string | null;
  basedOn: string | null;
  createdAt: string;
  committedAt: string | null;
  deletedAt: string | null;
}

/** docs/api.md "Run". */
export interface RunDto {
  id: string;
  entity: string;
  project: string;
  name: string;
  jobType: string | null;
  group: string | null;
  state: RunState;
  config: Record<string, unknown>;
  /** Final summary metrics, as the W&B client reports them (`run.summary`); `{}` for other runs. */
  summary: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}
