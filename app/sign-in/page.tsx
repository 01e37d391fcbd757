import type { Metadata } from "next";
import Link from "next/link";
import { loadMe } from "@/app/_lib/server-api";
import { SignInForm } from "@/components/account/sign-in-form";
import { buttonClass } from "@/components/ui/button";
import { safeNextPath } from "@/lib/next-path";
import { routes } from "@/lib/routes";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in · Arca" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const raw = (await searchParams).next;
  const next = safeNextPath(typeof raw === "string" ? raw : null);
  const me = await loadMe();
  return (
    <div className="mx-auto mt-10 max-w-sm">
      <div className="rounded-lg border border-border bg-panel p-6">
        <h1 className="text-base font-semibold">Sign in to Arca</h1>
        {me.mode === "local" ? (
          <div className="mt-3 space-y-3 text-muted">
            <p>Accounts are off: this Arca serves 127.0.0.1 only, so everyone who can reach it is the local user, with full rights. There is nothing to sign in to.</p>
            <p className="text-xs">To have users, roles and API keys, start it with ARCA_AUTH=1 and create the first admin with <code>arca admin create-user NAME --admin --password-stdin</code>.</p>
            <Link href={routes.home()} className={buttonClass("primary")}>
              Go to the projects
            </Link>
          </div>
        ) : me.user && !me.user.viaKey ? (
          <div className="mt-3 space-y-3 text-muted">
            <p>
              You are signed in as <strong className="text-text">{me.user.username}</strong>.
            </p>
            <Link href={next} className={buttonClass("primary")}>
              Continue
            </Link>
          </div>
        ) : (
          <SignInForm next={next} sso={me.sso} />
        )}
      </div>
    </div>
  );
}
