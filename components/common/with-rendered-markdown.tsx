import type { ReactNode } from "react";
import { Markdown } from "./markdown";
import { RenderedMarkdownProvider } from "./rendered-markdown";

/**
 * A server component: renders each non-empty text as markdown here, on the server, for the client
 * components below that show it (`MarkdownText`). Their script then carries no markdown parser.
 */
export function WithRenderedMarkdown({ texts, children }: { texts: string[]; children: ReactNode }) {
  const rendered = [...new Set(texts.filter((t) => t.length > 0))].map((text) => ({ text, node: <Markdown>{text}</Markdown> }));
  return <RenderedMarkdownProvider rendered={rendered}>{children}</RenderedMarkdownProvider>;
}
