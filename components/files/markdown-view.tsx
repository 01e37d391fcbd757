"use client";

import ReactMarkdown, { defaultUrlTransform } from "react-markdown";
import remarkGfm from "remark-gfm";

// Its own module: the file preview loads it (and the markdown parser, ~150 KB of script) only for a markdown file.

const MARKDOWN_STYLE = [
  "space-y-3 leading-relaxed",
  "[&_h1]:text-xl [&_h1]:font-semibold [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:font-semibold",
  "[&_a]:text-accent [&_a]:underline [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:list-decimal [&_ol]:pl-5",
  "[&_code]:rounded [&_code]:bg-bg [&_code]:px-1 [&_code]:font-mono [&_code]:text-xs",
  "[&_pre]:overflow-auto [&_pre]:rounded-md [&_pre]:border [&_pre]:border-border [&_pre]:bg-bg [&_pre]:p-3",
  "[&_blockquote]:border-l-2 [&_blockquote]:border-border [&_blockquote]:pl-3 [&_blockquote]:text-muted",
  "[&_table]:border-collapse [&_td]:border [&_td]:border-border [&_td]:px-2 [&_th]:border [&_th]:border-border [&_th]:px-2",
  "[&_img]:max-w-full",
].join(" ");

/**
 * Rendered markdown (GitHub flavour). Raw HTML is not rendered (react-markdown's default), so a
 * README cannot inject markup. Relative links and images resolve inside the version: images to
 * the file route, links to the file's entry in this tab.
 */
export function MarkdownView({ text, resolve }: { text: string; resolve: (relative: string, kind: "link" | "image") => string }) {
  return (
    <div className={MARKDOWN_STYLE}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        urlTransform={(url, key) => {
          if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("#") || url.startsWith("/")) return defaultUrlTransform(url);
          return resolve(url, key === "src" ? "image" : "link");
        }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
