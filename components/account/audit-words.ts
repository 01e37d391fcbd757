import { formatBytes, plural } from "@/components/format";

export interface AuditEvent {
  actor: string;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/** `owner/keyname` → ["owner", "keyname"] (key names hold no slash). */
function splitKeyTarget(target: string): [string, string] {
  const slash = target.indexOf("/");
  return slash < 0 ? ["", target] : [target.slice(0, slash), target.slice(slash + 1)];
}

/** One audit event as a sentence: "alice granted bob editor on acme/vision". */
export function describeAudit(e: AuditEvent): string {
  const d = e.detail;
  switch (e.action) {
    case "role.grant": {
      const before = str(d.before);
      const user = str(d.user) ?? "someone";
      const role = str(d.role) ?? "a role";
      return before && before !== role ? `${e.actor} changed ${user} from ${before} to ${role} on ${e.target}` : `${e.actor} granted ${user} ${role} on ${e.target}`;
    }
    case "role.revoke": {
      const before = str(d.before);
      return `${e.actor} removed ${str(d.user) ?? "someone"}${before ? ` (${before})` : ""} from ${e.target}`;
    }
    case "key.create": {
      const [owner, name] = splitKeyTarget(e.target);
      const scope = str(d.project) ? `${str(d.entity)}/${str(d.project)}` : (str(d.entity) ?? "all projects");
      const limits = [scope, d.readOnly === true ? "read-only" : null, str(d.expiresAt) ? `expires ${str(d.expiresAt)!.slice(0, 10)}` : null].filter(Boolean).join(", ");
      return `${e.actor} created key ${name} of ${str(d.owner) ?? owner} (${limits})`;
    }
    case "key.revoke": {
      const [owner, name] = splitKeyTarget(e.target);
      return `${e.actor} revoked key ${name} of ${str(d.owner) ?? owner}`;
    }
    case "session.revoke":
      return `${e.actor} signed out a session of ${e.target}`;
    case "version.delete":
      return `${e.actor} deleted ${e.target}${d.deleteAliases === true ? " and its aliases" : ""}`;
    case "cleanup":
      return `${e.actor} cleaned up ${e.target}: ${plural(num(d.versions), "version")}, ${formatBytes(num(d.bytesFreed))} to reclaim`;
    case "gc":
      return `${e.actor} ran gc: ${plural(num(d.blobsDeleted), "blob")}, ${formatBytes(num(d.bytesFreed))}`;
    case "user.create":
      return `${e.actor} created user ${e.target}${d.isAdmin === true ? " (instance admin)" : ""}`;
    case "user.delete":
      return `${e.actor} deleted user ${e.target}`;
    case "user.admin":
      return d.isAdmin === true ? `${e.actor} made ${e.target} an instance admin` : `${e.actor} took instance admin from ${e.target}`;
    case "team.create":
      return `${e.actor} created team ${e.target}`;
    default:
      return `${e.actor} ${e.action} ${e.target}`;
  }
}
