"use client";

import { createContext, lazy, Suspense, useContext, useMemo, type ReactNode } from "react";

/**
 * Markdown the server already rendered, by its text. A page puts its descriptions here
 * (`WithRenderedMarkdown`), so the browser shows them without loading the markdown parser (~150 KB of
 * script); it is loaded only for a text the server did not render, such as a description just edited.
 */
const Rendered = createContext<ReadonlyMap<string, ReactNode>>(new Map());

export function RenderedMarkdownProvider({ rendered, children }: { rendered: { text: string; node: ReactNode }[]; children: ReactNode }) {
  const parent = useContext(Rendered);
  // One map per server answer, not per render: a new context value would re-render every reader.
  const map = useMemo(() => new Map([...parent, ...rendered.map(({ text, node }) => [text, node] as const)]), [parent, rendered]);
  return <Rendered.Provider value={map}>{children}</Rendered.Provider>;
}

const Markdown = lazy(() => import("./markdown").then((m) => ({ default: m.Markdown })));

/** `text` as markdown: the server's rendering when there is one, else rendered here (the text as it is until the parser has loaded). */
export function MarkdownText({ children }: { children: string }) {
  const rendered = useContext(Rendered).get(children);
  if (rendered !== undefined) return rendered;
  return (
    <Suspense fallback={<p className="whitespace-pre-wrap">{children}</p>}>
      <Markdown>{children}</Markdown>
    </Suspense>
  );
}
