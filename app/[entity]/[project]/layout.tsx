import type { ReactNode } from "react";
import { loadOr404, serverApi } from "@/app/_lib/server-api";
import { ProjectRoleProvider } from "@/components/access/role";

/**
 * Every project page: a visitor who may not see the project gets the not-found page (as if it did
 * not exist), one who is not signed in goes to sign-in, and the page knows the visitor's role.
 */
export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ entity: string; project: string }> }) {
  const { entity, project } = await params;
  const p = { entity: decodeURIComponent(entity), project: decodeURIComponent(project) };
  const summary = await loadOr404(async () => (await serverApi()).projects.get(p));
  return <ProjectRoleProvider role={summary.role}>{children}</ProjectRoleProvider>;
}
