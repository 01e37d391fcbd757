import type { ServiceContext } from "../../context";
// Every kind of job a server runs registers itself (defineJob) where it is defined; importing them here
// means a fresh instance runs them all, including jobs another instance queued or left behind.
import "../artifacts/cleanup-project";
import "../blobs/gc";
import { ensureJobRunner } from "./queue";

/** Starts this instance's job runner: it claims queued jobs, and jobs whose instance died, from now on. */
export function startJobRunner(ctx: ServiceContext): void {
  ensureJobRunner(ctx);
}
