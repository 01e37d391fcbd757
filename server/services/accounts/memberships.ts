import { findEntityKind, listUserMemberships as listRows, type Role } from "@/db/queries/access";
import type { ServiceContext } from "../../context";
import type { SignedIn } from "../../access/principal";

export interface MembershipDto {
  entity: string;
  project: string;
  role: Role;
  kind: "user" | "team";
}

/** One's personal entity first, then every entity or project one holds a role on. */
export function listUserMemberships(ctx: ServiceContext, input: { principal: SignedIn }): MembershipDto[] {
  const p = input.principal;
  if (p.kind !== "user") return [];
  const rows = listRows(ctx, p.userId).map((m) => ({ ...m, kind: findEntityKind(ctx, m.entity) === "user" ? ("user" as const) : ("team" as const) }));
  return [{ entity: p.name, project: "", role: "admin", kind: "user" }, ...rows.filter((r) => r.entity !== p.name || r.project !== "")];
}
