import "@fontsource-variable/inter";
import "@fontsource-variable/jetbrains-mono";
import "./globals.css";
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { loadMe } from "@/app/_lib/server-api";
import { UserMenu } from "@/components/account/user-menu";
import { CommandPalette } from "@/components/palette/command-palette";
import { Providers } from "@/components/providers";
import { THEME_SCRIPT, ThemeToggle } from "@/components/theme-toggle";

export const metadata: Metadata = {
  title: "Arca",
  description: "Registry and browser for versioned ML artifacts",
};

// Reading the request's nonce (scripts/server.mjs) renders every page per request, as a nonce CSP requires.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const me = await loadMe();
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-bg font-sans text-sm text-text antialiased">
        <a
          href="#main"
          className="sr-only rounded-md bg-accent px-3 py-2 text-on-accent focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
        >
          Skip to content
        </a>
        <Providers>
          <header className="border-b border-border bg-panel">
            <div className="mx-auto flex h-12 max-w-7xl items-center justify-between px-4">
              <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
                <span className="grid size-6 place-items-center rounded-md bg-accent text-xs text-on-accent">A</span>
                Arca
              </Link>
              <div className="flex items-center gap-2">
                {me.mode === "local" || me.user ? <CommandPalette accounts={me.mode === "accounts"} /> : null}
                <ThemeToggle />
                <UserMenu me={{ mode: me.mode, user: me.user ? { username: me.user.username, isAdmin: me.user.isAdmin, viaKey: me.user.viaKey } : null }} />
              </div>
            </div>
          </header>
          <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
