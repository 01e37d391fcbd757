import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { routes } from "@/lib/routes";

/** Settings and admin pages in local mode: what they are for and how to turn accounts on. */
export function AccountsOff() {
  return (
    <EmptyState title="Accounts are off (local mode)">
      <p>Arca serves 127.0.0.1 only, so there are no users, keys or sessions: everyone here is the local user with full rights.</p>
      <p className="mt-1">To have them, start Arca with ARCA_AUTH=1 and create the first admin with <code>arca admin create-user NAME --admin --password-stdin</code>.</p>
      <Link href={routes.home()} className={`${buttonClass("secondary", "sm")} mt-3`}>
        Back to the projects
      </Link>
    </EmptyState>
  );
}
