import type { Metadata } from "next";
import { loadOrHide, serverApi } from "@/app/_lib/server-api";
import { AuditLog } from "@/components/account/audit-log";
import { MembersPanel } from "@/components/account/members-panel";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { routes } from "@/lib/routes";

export const metadata: Metadata = { title: "Members · Arca" };

/** An entity's members and audit log: its admins only; anyone else gets the not-found page. */
export default async function MembersPage({ params }: { params: Promise<{ entity: string }> }) {
  const entity = decodeURIComponent((await params).entity);
  const initial = await loadOrHide(async () => (await serverApi()).members.list({ entity }));
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ label: "Teams", href: routes.settingsTeams() }, { label: entity }]} />
      <MembersPanel entity={entity} initial={initial} />
      <section aria-label="Audit log" className="space-y-2">
        <h2 className="text-xs font-medium tracking-wide text-muted uppercase">Audit log of {entity}</h2>
        <AuditLog scope={{ entity }} />
      </section>
    </div>
  );
}
