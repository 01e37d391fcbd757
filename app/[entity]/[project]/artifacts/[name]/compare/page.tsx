import type { Metadata } from "next";
import { Suspense } from "react";
import { Skeleton } from "@/components/ui/states";
import { CompareClient } from "./client";

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  return { title: `Compare ${(await params).name} · Arca` };
}

export default async function ComparePage({ params }: { params: Promise<{ entity: string; project: string; name: string }> }) {
  const { entity, project, name } = await params;
  return (
    <Suspense fallback={<Skeleton rows={6} label="Loading comparison" />}>
      <CompareClient p={{ entity, project }} name={name} />
    </Suspense>
  );
}
