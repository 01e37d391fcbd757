import type { Metadata } from "next";
import { Suspense } from "react";
import { Skeleton } from "@/components/ui/states";
import { CleanupClient } from "./client";

export const metadata: Metadata = { title: "Clean up · Arca" };

export default async function CleanupPage({ params }: { params: Promise<{ entity: string; project: string }> }) {
  const { entity, project } = await params;
  return (
    <Suspense fallback={<Skeleton rows={6} label="Loading cleanup" />}>
      <CleanupClient p={{ entity, project }} />
    </Suspense>
  );
}
