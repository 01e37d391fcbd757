import { isInstanceAdmin, type Principal } from "../../access/principal";
import type { ServiceContext } from "../../context";
import { getConfig } from "../../context";

export interface ViewerDto {
  username: string;
  kind: "local" | "service" | "user";
  isAdmin: boolean;
  mode: "local" | "accounts";
  /** Where clients log when no entity is given: a user's own entity (null for local and service). */
  defaultEntity: string | null;
  /** The limits of the key the request came with, if any. */
  key: { name: string; entity: string | null; project: string | null; readOnly: boolean } | null;
}

export function describeViewer(_ctx: ServiceContext, p: Principal): ViewerDto {
  if (p.kind === "anonymous") throw new Error("describeViewer needs a signed-in principal");
  const key = p.kind === "user" && p.key ? { name: p.key.keyName, entity: p.key.entity, project: p.key.project, readOnly: p.key.readOnly } : null;
  return {
    username: p.name,
    kind: p.kind,
    isAdmin: isInstanceAdmin(p),
    mode: getConfig().authMode,
    defaultEntity: p.kind === "user" ? (key?.entity ?? p.name) : null,
    key,
  };
}
