import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";

/** User-written markdown (descriptions, README previews). Raw HTML is not rendered. */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm]}>{children}</ReactMarkdown>
    </div>
  );
}
