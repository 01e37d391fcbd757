"use client";

import { useEffect, useState } from "react";

type Theme = "light" | "dark";

/**
 * A toggle button: its name ("Dark theme") is the text it shows and never changes; whether dark is on
 * is `aria-pressed` (WCAG 2.5.3: the accessible name contains the visible label). The inline script in
 * the layout applies the remembered choice before paint.
 */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme | null>(null);
  useEffect(() => setTheme(document.documentElement.classList.contains("dark") ? "dark" : "light"), []);
  function toggle() {
    const next: Theme = theme === "dark" ? "light" : "dark";
    document.documentElement.classList.toggle("dark", next === "dark");
    localStorage.setItem("arca-theme", next);
    setTheme(next);
  }
  const dark = theme === "dark";
  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={theme === null ? undefined : dark}
      className="inline-flex items-center gap-1.5 rounded-md border border-border px-2 py-1 text-xs text-muted hover:text-text aria-pressed:text-text"
    >
      <span aria-hidden className={`inline-block size-2.5 rounded-full border border-current ${dark ? "bg-current" : ""}`} />
      Dark theme
    </button>
  );
}

export const THEME_SCRIPT = `try{var t=localStorage.getItem("arca-theme");if(t==="dark"||(!t&&matchMedia("(prefers-color-scheme: dark)").matches))document.documentElement.classList.add("dark")}catch(e){}`;
