import { FilesPanel } from "@/components/files/files-panel";
import type { VersionTab } from "@/lib/routes";
import { VersionHistory } from "./version-history";
import { MetadataPanel } from "./metadata-panel";
import { VersionOverview } from "./version-overview";
import type { VersionProps } from "./use-version";

export const VERSION_TABS: { id: VersionTab; label: string }[] = [
  { id: "overview", label: "Overview" },
  { id: "metadata", label: "Metadata" },
  { id: "files", label: "Files" },
  { id: "history", label: "History" },
  { id: "lineage", label: "Lineage" },
  { id: "table", label: "Table" },
];

export function VersionTabContent({ tab, ...props }: VersionProps & { tab: VersionTab }) {
  switch (tab) {
    case "metadata":
      return <MetadataPanel {...props} />;
    case "history":
      return <VersionHistory {...props} />;
    case "files":
      return <FilesPanel entity={props.p.entity} project={props.p.project} name={props.name} version={props.selector} />;
    case "lineage":
    case "table":
      return <p className="text-muted">This view is being wired up.</p>;
    default:
      return <VersionOverview {...props} />;
  }
}
