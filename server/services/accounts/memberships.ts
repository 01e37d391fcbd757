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
export async function listUserMemberships(ctx: ServiceContext, input: { principal: SignedIn }): Promise<MembershipDto[]> {
  const p = input.principal;
  if (p.kind !== "user") return [];
  const rows: MembershipDto[] = [];
  for (const m of await listRows(ctx, p.userId)) rows.push({ ...m, kind: (await findEntityKind(ctx, m.entity)) === "user" ? "user" : "team" });
  return [{ entity: p.name, project: "", role: "admin", kind: "user" }, ...rows.filter((r) => r.entity !== p.name || r.project !== "")];
}
