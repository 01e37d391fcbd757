"use client";

import { createContext, useContext, type ReactNode } from "react";

export type Role = "viewer" | "editor" | "admin";
const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

const RoleContext = createContext<Role>("viewer");

/** The signed-in user's role on the current project (set by the project layout from the server). */
export function ProjectRoleProvider({ role, children }: { role: Role; children: ReactNode }) {
  return <RoleContext.Provider value={role}>{children}</RoleContext.Provider>;
}

export const useProjectRole = () => useContext(RoleContext);

/**
 * Whether to show a control: editors edit descriptions, metadata and aliases; admins also delete
 * and clean up. The server checks again: hiding is for clarity, not for security.
 */
export function useCan(action: "edit" | "admin"): boolean {
  return RANK[useContext(RoleContext)] >= RANK[action === "edit" ? "editor" : "admin"];
}

/** Renders its children only for those who may do `action` (usable from server components). */
export function IfCan({ action, children }: { action: "edit" | "admin"; children: ReactNode }) {
  return useCan(action) ? <>{children}</> : null;
}
