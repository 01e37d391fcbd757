"use client";

import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useCan } from "@/components/access/role";
import { CleanupForm, type CleanupCriteriaForm } from "@/components/manage/cleanup-form";
import { CleanupJob } from "@/components/manage/cleanup-job";
import { CleanupPreview, type CleanupRequest } from "@/components/manage/cleanup-preview";
import { StoragePanel } from "@/components/manage/storage-panel";
import { Breadcrumbs, projectTrail } from "@/components/ui/breadcrumbs";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { routes, type ProjectRef } from "@/lib/routes";
import { cleanupParams } from "./search-params";

/** Criteria → dry run → confirm → progress → result → garbage collection; each step has its own URL. */
export function CleanupClient({ p }: { p: ProjectRef }) {
  if (!useCan("admin")) return <CleanupNotAllowed p={p} />;
  return <CleanupSteps p={p} />;
}

/** A viewer or editor who follows a link here: say what is needed instead of a form the server would refuse. */
function CleanupNotAllowed({ p }: { p: ProjectRef }) {
  return (
    <div className="space-y-5">
      <Breadcrumbs items={[...projectTrail(p), { label: "Clean up" }]} />
      <EmptyState title={`You need the admin role on ${p.entity}/${p.project} to clean up`}>
        <p>Cleaning up deletes versions, so it is for the project&apos;s admins. Ask an admin of {p.entity} for the role, or for the cleanup itself.</p>
        <Link href={routes.project(p)} className={`${buttonClass("secondary", "sm")} mt-3`}>
          Back to {p.project}
        </Link>
      </EmptyState>
    </div>
  );
}

function CleanupSteps({ p }: { p: ProjectRef }) {
  const [state, setState] = useQueryStates(cleanupParams, { history: "push" });
  const criteria: CleanupCriteriaForm = { collection: state.collection, type: state.type, keep: state.keep, older: state.older, drafts: state.drafts };
  const request: CleanupRequest = {
    ...p,
    ...(state.collection ? { collection: state.collection } : state.type ? { type: state.type } : {}),
    keepNewest: state.keep,
    ...(state.older !== null ? { olderThanDays: state.older } : {}),
    includeDrafts: state.drafts,
  };
  const scopeLabel = state.collection ? state.collection : state.type ? `every ${state.type}` : "whole project";
  const crumbs = [
    ...projectTrail(p),
    ...(state.collection ? [{ label: state.collection, href: routes.collection(p, state.collection) }] : []),
    { label: "Clean up" },
  ];

  return (
    <div className="space-y-5">
      <Breadcrumbs items={crumbs} />
      <div>
        <h1 className="text-lg font-semibold">Clean up versions</h1>
        <p className="text-muted">Scope: {scopeLabel}</p>
      </div>
      {/* A running or finished job has its own garbage collection step: one GC button at a time. */}
      {state.job ? null : <StoragePanel p={p} />}
      {state.job ? (
        <CleanupJob p={p} jobId={state.job} onDone={() => void setState({ job: null, preview: false, after: null })} />
      ) : (
        <>
          <CleanupForm
            // Remount when the URL's criteria change (back button), so the form shows what the dry run used.
            key={JSON.stringify(criteria)}
            p={p}
            initial={criteria}
            onPreview={(c) => void setState({ ...c, preview: true, after: null })}
          />
          {state.preview ? (
            <CleanupPreview
              request={request}
              cursor={state.after}
              onCursor={(after) => void setState({ after })}
              onStarted={(job) => void setState({ job, after: null })}
            />
          ) : null}
        </>
      )}
    </div>
  );
}
