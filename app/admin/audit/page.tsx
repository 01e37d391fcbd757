import type { Metadata } from "next";
import { AuditFilter } from "@/components/admin/audit-filter";
import { AuditLog } from "@/components/account/audit-log";

export const metadata: Metadata = { title: "Audit log · Arca" };

/** The whole instance's audit log; `?entity=` narrows it (a link someone can share). */
export default async function AuditPage({ searchParams }: { searchParams: Promise<{ entity?: string | string[] }> }) {
  const raw = (await searchParams).entity;
  const entity = typeof raw === "string" ? raw.trim() : "";
  return (
    <div className="space-y-3">
      <AuditFilter entity={entity} />
      <AuditLog key={entity} scope={{ all: true, entity: entity || undefined }} />
    </div>
  );
}
