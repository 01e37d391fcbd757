import os from "node:os";

/** Limits an API key carries: one entity or entity/project, and read-only. */
export interface KeyLimits {
  keyId: number;
  keyName: string;
  entity: string | null;
  project: string | null;
  readOnly: boolean;
}

/**
 * Who is asking. `local`: loopback with accounts off (one trusted person; docs/security.md).
 * `service`: the ARCA_API_KEY of automation, an instance admin. `user`: a signed-in person or
 * a user's API key (then `key` says which, with its limits).
 */
export type Principal =
  | { kind: "local"; name: string }
  | { kind: "service"; name: "service" }
  | { kind: "user"; userId: string; name: string; isAdmin: boolean; key: KeyLimits | null; sessionId?: string }
  | { kind: "anonymous" };

export type SignedIn = Exclude<Principal, { kind: "anonymous" }>;
export type UserPrincipal = Extract<Principal, { kind: "user" }>;

export const ANONYMOUS: Principal = { kind: "anonymous" };
export const SERVICE: Principal = { kind: "service", name: "service" };

let local: Principal | undefined;

/** In local mode edits carry the name of the person at the keyboard (ARCA_LOCAL_USER, else the OS user), as git does. */
export function localPrincipal(): Principal {
  return (local ??= readLocalPrincipal());
}

function readLocalPrincipal(): Principal {
  let name = process.env.ARCA_LOCAL_USER || process.env.USER || "";
  if (!name) {
    try {
      name = os.userInfo().username;
    } catch {
      name = "local";
    }
  }
  return { kind: "local", name: name.slice(0, 64) || "local" };
}

/** The name the edit history and the audit log record: the signed-in user or the key's owner. */
export function actorName(p: Principal): string {
  return p.kind === "anonymous" ? "anonymous" : p.name;
}

/** Instance admins may do anything; a limited key narrows even an admin. */
export function isInstanceAdmin(p: Principal): boolean {
  if (p.kind === "local" || p.kind === "service") return true;
  return p.kind === "user" && p.isAdmin && (p.key === null || (p.key.entity === null && !p.key.readOnly));
}
