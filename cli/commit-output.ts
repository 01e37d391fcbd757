import type { Artifact, Run } from "../sdk/index";
import { fields, formatBytes, plural } from "./format";

/** The human lines after log/upsert/finish/patch. */
export function describeCommit(verb: string, artifact: Artifact, run: Run | undefined): string {
  const info = artifact.info;
  if (!info) return `${verb} ${artifact.name}`;
  const status = info.state === "PENDING" ? "draft, not committed yet" : artifact.created ? "new version" : "unchanged: same contents as this version";
  const upload = artifact.lastUpload;
  const rows: [string, string][] = [
    [verb, `${info.ref} (${status})`],
    ["digest", info.digest ?? "(computed when the draft is finished)"],
    ["contents", `${plural(info.fileCount, "file")}, ${formatBytes(info.size)}`],
    ["uploaded", upload ? `${plural(upload.filesUploaded, "file")}, ${formatBytes(upload.bytesUploaded)}` : "nothing"],
  ];
  if (info.aliases.length > 0) rows.push(["aliases", info.aliases.join(", ")]);
  if (info.basedOn) rows.push(["based on", info.basedOn]);
  if (run) rows.push(["run", run.path]);
  return fields(rows);
}
