"use client";

import { formText } from "@/components/ui/form-text";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { routes } from "@/lib/routes";

/** Narrows the instance audit log to one entity; the filter lives in the URL. */
export function AuditFilter({ entity }: { entity: string }) {
  const router = useRouter();
  return (
    <form
      role="search"
      aria-label="Filter the audit log"
      className="flex items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        router.push(routes.adminAudit(formText(new FormData(e.currentTarget), "entity").trim() || undefined));
      }}
    >
      <input
        name="entity"
        defaultValue={entity}
        key={entity}
        placeholder="Entity (e.g. demo); empty: everything"
        aria-label="Entity"
        className="w-72 rounded-md border border-border bg-panel px-2.5 py-1.5 text-sm focus:border-accent focus:outline-none"
      />
      <Button type="submit">Filter</Button>
      {entity ? (
        <Button variant="ghost" onClick={() => router.push(routes.adminAudit())}>
          Show all
        </Button>
      ) : null}
    </form>
  );
}
