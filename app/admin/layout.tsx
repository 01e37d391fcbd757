import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { loadMe, signInUrl } from "@/app/_lib/server-api";
import { AccountsOff } from "@/components/account/accounts-off";
import { SectionTabs } from "@/components/account/section-tabs";
import { routes } from "@/lib/routes";

export const dynamic = "force-dynamic";

/** Instance administration: instance admins only; to anyone else these pages do not exist. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const me = await loadMe();
  if (me.mode === "local") return <AccountsOff />;
  if (!me.user) redirect(await signInUrl());
  if (!me.user.isAdmin) notFound();
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">Administration</h1>
      <SectionTabs
        label="Administration sections"
        tabs={[
          { label: "Users", href: routes.adminUsers() },
          { label: "Audit log", href: routes.adminAudit() },
          { label: "Jobs", href: routes.adminJobs() },
        ]}
      />
      {children}
    </div>
  );
}
