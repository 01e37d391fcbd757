"use client";

import dynamic from "next/dynamic";

/**
 * The version page's tabs, each in its own chunk (issue 13): a first visit loads the code of the tab it shows,
 * not React Flow and dagre (Lineage), the table grid and zod (Table), the file browser and the editor for all
 * of them. They still render on the server; the browser loads the shown tab's chunk before it hydrates.
 */
export const VersionOverview = dynamic(() => import("./version-overview").then((m) => m.VersionOverview));
export const MetadataPanel = dynamic(() => import("./metadata-panel").then((m) => m.MetadataPanel));
export const VersionHistory = dynamic(() => import("./version-history").then((m) => m.VersionHistory));
export const FilesPanel = dynamic(() => import("@/components/files/files-panel").then((m) => m.FilesPanel));
export const TablesPanel = dynamic(() => import("@/components/table/tables-panel").then((m) => m.TablesPanel));
export const LineagePanel = dynamic(() => import("@/components/lineage/lineage-panel").then((m) => m.LineagePanel));
