import type { Metadata } from "next";
import { loadMe } from "@/app/_lib/server-api";
import { UsersPanel } from "@/components/admin/users-panel";

export const metadata: Metadata = { title: "Users · Arca" };

export default async function UsersPage() {
  const me = await loadMe();
  return <UsersPanel self={me.user?.username ?? ""} />;
}
