import type { Metadata } from "next";
import { JobsPanel } from "@/components/admin/jobs-panel";

export const metadata: Metadata = { title: "Jobs · Arca" };

export default function JobsPage() {
  return <JobsPanel />;
}
