import { ValidationError } from "../../errors";

/**
 * GraphQL ids of the W&B protocol. An artifact id is the version's id (W&B ids are opaque strings,
 * the client only passes them back); a manifest id also says which kind of manifest the client
 * announced (FULL, or PATCH for collaborative writers), because UpdateArtifactManifest repeats
 * only the id.
 */
export function artifactIdOf(versionId: number): string {
  return String(versionId);
}

export function parseArtifactId(id: string): number {
  if (!/^\d{1,15}$/.test(id)) throw new ValidationError(`artifact id ${JSON.stringify(id.slice(0, 80))} is not an id this server gave out`);
  return Number(id);
}

export type ManifestKind = "FULL" | "PATCH" | "INCREMENTAL";

export function manifestIdOf(versionId: number, kind: ManifestKind): string {
  return `${versionId}:${kind}`;
}

export function parseManifestId(id: string): { versionId: number; kind: ManifestKind } {
  const match = /^(\d{1,15}):(FULL|PATCH|INCREMENTAL)$/.exec(id);
  if (!match) throw new ValidationError(`artifact manifest id ${JSON.stringify(id.slice(0, 80))} is not an id this server gave out`);
  return { versionId: Number(match[1]), kind: match[2] as ManifestKind };
}
