"use client";

import { useEffect, useState } from "react";

type Theme = "light" | "dark";

/** Flips the `dark` class on <html> and remembers the choice; the inline script in the layout applies it before paint. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme | null>(null);
  useEffect(() => setTheme(document.documentElement.classList.contains("dark") ? "dark" : "light"), []);
  function toggle() {
    const next: Theme = theme === "dark" ? "light" : "dark";
    document.documentElement.classList.toggle("dark", next === "dark");
    localStorage.setItem("arca-theme", next);
    setTheme(next);
  }
  return (
    <button
      type="button"
      onClick={toggle}
      className="rounded-md border border-border px-2 py-1 text-xs text-muted hover:text-text"
      aria-label="Toggle light and dark theme"
    >
      {theme === "dark" ? "Light" : "Dark"} theme
    </button>
  );
}

export const THEME_SCRIPT = `try{var t=localStorage.getItem("arca-theme");if(t==="dark"||(!t&&matchMedia("(prefers-color-scheme: dark)").matches))document.documentElement.classList.add("dark")}catch(e){}`;
