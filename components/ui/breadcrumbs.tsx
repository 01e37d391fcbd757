import Link from "next/link";
import { Fragment } from "react";
import { routes, type ProjectRef } from "@/lib/routes";

/** The page's place in entity / project / artifact / version; the last crumb is the page itself. */
export function Breadcrumbs({ items }: { items: { label: string; href?: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-3 flex flex-wrap items-center gap-1 text-xs text-muted">
      {items.map((item, i) => (
        <Fragment key={i}>
          {i > 0 ? <span aria-hidden>/</span> : null}
          {item.href ? (
            <Link href={item.href} className="hover:text-text hover:underline">
              {item.label}
            </Link>
          ) : (
            <span className="text-text" aria-current="page">
              {item.label}
            </span>
          )}
        </Fragment>
      ))}
    </nav>
  );
}

/** The first two crumbs of every page inside a project, the same everywhere. */
export function projectTrail(p: ProjectRef): { label: string; href?: string }[] {
  return [
    { label: "Projects", href: routes.home() },
    { label: `${p.entity} / ${p.project}`, href: routes.project(p) },
  ];
}
