import Link from "next/link";

/**
 * Tabs are links: the selected tab lives in the URL, so it can be shared and the back button works.
 * On a narrow screen they wrap rather than scroll: a tab hidden behind a sideways scroll is a tab nobody finds.
 */
export function LinkTabs({ tabs, current, label }: { tabs: { id: string; label: string; href: string }[]; current: string; label: string }) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-x-0.5 border-b border-border sm:gap-x-1">
      {tabs.map((t) => {
        const active = t.id === current;
        return (
          <Link
            key={t.id}
            href={t.href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px border-b-2 px-2.5 py-2 text-sm sm:px-3 ${active ? "border-accent font-medium text-text" : "border-transparent text-muted hover:text-text"}`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
