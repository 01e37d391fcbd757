"use client";

import { usePathname } from "next/navigation";
import { LinkTabs } from "@/components/ui/tabs";

/** Tabs of a section (settings, admin) whose pages are separate routes: the current one comes from the path. */
export function SectionTabs({ label, tabs }: { label: string; tabs: { label: string; href: string }[] }) {
  const pathname = usePathname() ?? "";
  const current = tabs.find((t) => pathname === t.href || pathname.startsWith(`${t.href}/`))?.href ?? "";
  return <LinkTabs label={label} current={current} tabs={tabs.map((t) => ({ id: t.href, label: t.label, href: t.href }))} />;
}
