"use client";

import { formText } from "@/components/ui/form-text";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { signIn, startSso } from "./auth-client";

export const inputClass = "w-full rounded-md border border-border bg-bg px-2.5 py-1.5 text-sm focus:border-accent focus:outline-none";

/** Username or e-mail and password; single sign-on too when the server has it. */
export function SignInForm({ next, sso }: { next: string; sso: { name: string } | null }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const identifier = formText(data, "identifier");
    const password = formText(data, "password");
    if (!identifier.trim() || !password) {
      setError("Enter your username (or e-mail) and your password.");
      return;
    }
    setBusy(true);
    setError(null);
    const result = await signIn(identifier, password);
    if (result.ok) {
      // A full navigation: server components render again, now with the session cookie.
      window.location.assign(next);
      return;
    }
    setError(result.error);
    setBusy(false);
  }

  async function sso_() {
    setBusy(true);
    setError(null);
    const result = await startSso(next);
    if (result.ok && result.url) {
      window.location.assign(result.url);
      return;
    }
    setError(result.ok ? "Single sign-on did not answer." : result.error);
    setBusy(false);
  }

  return (
    <div className="mt-4 space-y-4">
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(e.currentTarget);
        }}
      >
        <label className="block space-y-1">
          <span className="text-xs text-muted">Username or e-mail</span>
          <input name="identifier" autoComplete="username" autoFocus required className={inputClass} />
        </label>
        <label className="block space-y-1">
          <span className="text-xs text-muted">Password</span>
          <input name="password" type="password" autoComplete="current-password" required className={inputClass} />
        </label>
        {error ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {error}
          </p>
        ) : null}
        <Button type="submit" variant="primary" disabled={busy} className="w-full justify-center">
          {busy ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {sso ? (
        <>
          <div className="flex items-center gap-2 text-xs text-muted" aria-hidden>
            <span className="h-px flex-1 bg-border" /> or <span className="h-px flex-1 bg-border" />
          </div>
          <Button onClick={() => void sso_()} disabled={busy} className="w-full justify-center">
            Sign in with {sso.name}
          </Button>
        </>
      ) : null}
      <p className="text-xs text-muted">No account? Ask an Arca admin to create one for you.</p>
    </div>
  );
}
