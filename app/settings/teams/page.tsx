import type { Metadata } from "next";
import { TeamsPanel } from "@/components/account/teams-panel";

export const metadata: Metadata = { title: "Teams · Arca" };

export default function TeamsPage() {
  return <TeamsPanel />;
}
