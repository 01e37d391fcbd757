import type { Metadata } from "next";
import { Suspense } from "react";
import { Skeleton } from "@/components/ui/states";
import { DraftsClient } from "./client";

export const metadata: Metadata = { title: "Drafts · Arca" };

export default async function DraftsPage({ params }: { params: Promise<{ entity: string; project: string }> }) {
  const { entity, project } = await params;
  return (
    <Suspense fallback={<Skeleton rows={5} label="Loading drafts" />}>
      <DraftsClient p={{ entity, project }} />
    </Suspense>
  );
}
