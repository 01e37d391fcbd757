"use client";

import { json } from "@codemirror/lang-json";
import CodeMirror from "@uiw/react-codemirror";
import { useEffect, useState } from "react";

/** CodeMirror with JSON highlighting, following the page's light/dark theme. */
export default function JsonEditor({ value, onChange, label }: { value: string; onChange: (next: string) => void; label: string }) {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const html = document.documentElement;
    const sync = () => setDark(html.classList.contains("dark"));
    sync();
    const observer = new MutationObserver(sync);
    observer.observe(html, { attributes: true, attributeFilter: ["class"] });
    return () => observer.disconnect();
  }, []);
  return (
    <div className="overflow-hidden rounded-md border border-border text-[13px]">
      <CodeMirror value={value} onChange={onChange} extensions={[json()]} theme={dark ? "dark" : "light"} minHeight="200px" maxHeight="480px" aria-label={label} basicSetup={{ foldGutter: true }} />
    </div>
  );
}
