"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { routes } from "@/lib/routes";
import { signOut } from "./auth-client";

export interface MeSummary {
  mode: "local" | "accounts";
  user: { username: string; isAdmin: boolean; viaKey: boolean } | null;
}

/** The header's right side: who is signed in and their pages, "Sign in", or "local mode". */
export function UserMenu({ me }: { me: MeSummary }) {
  const pathname = usePathname();
  if (me.mode === "local") {
    return (
      <span title="Accounts are off: Arca serves 127.0.0.1 only, so there is no sign-in and everyone here is the local user with full rights. Start it with ARCA_AUTH=1 to have users.">
        <Badge>local mode</Badge>
      </span>
    );
  }
  if (!me.user) {
    if (pathname === "/sign-in") return null;
    return (
      <Link href={routes.signIn(pathname && pathname !== "/" ? pathname : undefined)} className="rounded-md px-2 py-1 text-sm font-medium text-accent hover:underline">
        Sign in
      </Link>
    );
  }
  return <Menu username={me.user.username} isAdmin={me.user.isAdmin} />;
}

interface Item {
  label: string;
  href?: string;
  onSelect?: () => void;
}

function Menu({ username, isAdmin }: { username: string; isAdmin: boolean }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const id = useId();
  const groups: { label: string; items: Item[] }[] = [
    {
      label: "Settings",
      items: [
        { label: "API keys", href: routes.settingsKeys() },
        { label: "Sessions", href: routes.settingsSessions() },
        { label: "Teams", href: routes.settingsTeams() },
      ],
    },
    ...(isAdmin
      ? [
          {
            label: "Admin",
            items: [
              { label: "Users", href: routes.adminUsers() },
              { label: "Audit log", href: routes.adminAudit() },
            ],
          },
        ]
      : []),
    {
      label: "",
      items: [
        {
          label: "Sign out",
          onSelect: () => {
            void signOut().finally(() => window.location.assign(routes.signIn()));
          },
        },
      ],
    },
  ];

  const items = () => Array.from(list.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? []);

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const close = (e: MouseEvent) => {
      if (!list.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  function onKeyDown(e: KeyboardEvent) {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (e.key === "Escape") {
      e.preventDefault();
      setOpen(false);
      button.current?.focus();
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      all[(at + step + all.length) % all.length]?.focus();
    } else if (e.key === "Home" || e.key === "End") {
      e.preventDefault();
      all[e.key === "Home" ? 0 : all.length - 1]?.focus();
    } else if (e.key === "Tab") {
      setOpen(false);
    }
  }

  const itemClass = "block w-full rounded px-2 py-1.5 text-left text-sm hover:bg-bg focus:bg-bg focus:outline-none";
  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
        className="flex items-center gap-1.5 rounded-md border border-border px-2 py-1 text-sm hover:bg-bg"
      >
        <span className="grid size-5 place-items-center rounded-full bg-accent-soft text-[11px] font-semibold text-accent uppercase" aria-hidden>
          {username.slice(0, 1)}
        </span>
        {username}
        <span aria-hidden className="text-xs text-muted">
          ▾
        </span>
      </button>
      {open ? (
        <div
          ref={list}
          id={id}
          role="menu"
          aria-label={`Account of ${username}`}
          onKeyDown={onKeyDown}
          className="absolute right-0 z-50 mt-1 w-52 rounded-lg border border-border bg-panel p-1 shadow-lg"
        >
          {groups.map((g, gi) => (
            <div key={gi} role="group" aria-label={g.label || undefined} className={gi > 0 ? "mt-1 border-t border-border pt-1" : ""}>
              {g.label ? <p className="px-2 pt-1 pb-0.5 text-[11px] font-medium tracking-wide text-muted uppercase">{g.label}</p> : null}
              {g.items.map((item) =>
                item.href ? (
                  <Link key={item.label} href={item.href} role="menuitem" tabIndex={-1} className={itemClass} onClick={() => setOpen(false)}>
                    {item.label}
                  </Link>
                ) : (
                  <button key={item.label} type="button" role="menuitem" tabIndex={-1} className={itemClass} onClick={item.onSelect}>
                    {item.label}
                  </button>
                ),
              )}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
