import Link from "next/link";
import { routes, type VersionTab } from "@/lib/routes";
import { FilesPanel, LineagePanel, MetadataPanel, TablesPanel, VersionHistory, VersionOverview } from "./tab-panels";
import type { VersionProps } from "./use-version";

export const VERSION_TABS: { id: VersionTab; label: string }[] = [
  { id: "overview", label: "Overview" },
  { id: "metadata", label: "Metadata" },
  { id: "files", label: "Files" },
  { id: "history", label: "History" },
  { id: "lineage", label: "Lineage" },
  { id: "table", label: "Table" },
];

export function VersionTabContent({ tab, accounts, ...props }: VersionProps & { tab: VersionTab; accounts: boolean }) {
  switch (tab) {
    case "metadata":
      return <MetadataPanel {...props} />;
    case "history":
      return <VersionHistory {...props} />;
    case "files":
      return <FilesPanel {...props.p} name={props.name} version={props.selector} />;
    case "table":
      return <TablesPanel {...props.p} name={props.name} version={props.selector} />;
    case "lineage": {
      const node = `version:${props.initial.id}`;
      return (
        <div className="space-y-2">
          <p className="text-right text-xs">
            <Link href={routes.lineage(props.p, node)} className="text-accent hover:underline">
              Open in the lineage explorer
            </Link>
          </p>
          <LineagePanel {...props.p} node={node} />
        </div>
      );
    }
    default:
      return <VersionOverview {...props} accounts={accounts} />;
  }
}
