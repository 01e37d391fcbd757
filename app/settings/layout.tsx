import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { loadMe, signInUrl } from "@/app/_lib/server-api";
import { AccountsOff } from "@/components/account/accounts-off";
import { SectionTabs } from "@/components/account/section-tabs";
import { routes } from "@/lib/routes";

export const dynamic = "force-dynamic";

/** One's own keys, sessions and teams: signed-in people only (local mode has no accounts). */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const me = await loadMe();
  if (me.mode === "local") return <AccountsOff />;
  if (!me.user) redirect(await signInUrl());
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">Settings</h1>
        <p className="text-xs text-muted">Signed in as {me.user.username}</p>
      </div>
      <SectionTabs
        label="Settings sections"
        tabs={[
          { label: "API keys", href: routes.settingsKeys() },
          { label: "Sessions", href: routes.settingsSessions() },
          { label: "Teams", href: routes.settingsTeams() },
        ]}
      />
      {children}
    </div>
  );
}
