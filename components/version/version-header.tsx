"use client";

import Link from "next/link";
import { useCan } from "@/components/access/role";
import { Badge, StateBadge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { routes } from "@/lib/routes";
import { AliasEditor } from "./alias-editor";
import { DeleteVersion } from "./delete-version";
import { useVersion, type VersionProps } from "./use-version";

export function VersionHeader(props: VersionProps) {
  const { p, name } = props;
  const { version, stable } = useVersion(props);
  const canAdmin = useCan("admin");
  const previous = version.versionIndex !== null && version.versionIndex > 0 ? `v${version.versionIndex - 1}` : null;
  return (
    <header className="mb-4 space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="font-mono text-lg font-semibold">
            {name}:{stable}
          </h1>
          <Badge tone="accent">{version.type}</Badge>
          <StateBadge state={version.state} />
        </div>
        <div className="flex gap-2">
          {previous ? (
            <Link href={routes.compare(p, name, previous, stable)} className={buttonClass("secondary", "sm")}>
              Compare with {previous}
            </Link>
          ) : null}
          {version.state === "DELETED" || !canAdmin ? null : <DeleteVersion {...props} />}
        </div>
      </div>
      {version.state === "COMMITTED" ? <AliasEditor {...props} /> : null}
    </header>
  );
}
