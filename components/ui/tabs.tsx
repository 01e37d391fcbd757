import Link from "next/link";

/** Tabs are links: the selected tab lives in the URL, so it can be shared and the back button works. */
export function LinkTabs({ tabs, current, label }: { tabs: { id: string; label: string; href: string }[]; current: string; label: string }) {
  return (
    <nav aria-label={label} className="flex gap-1 border-b border-border">
      {tabs.map((t) => {
        const active = t.id === current;
        return (
          <Link
            key={t.id}
            href={t.href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${active ? "border-accent font-medium text-text" : "border-transparent text-muted hover:text-text"}`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
