import type { Metadata } from "next";
import { SessionsPanel } from "@/components/account/sessions-panel";

export const metadata: Metadata = { title: "Sessions · Arca" };

export default function SessionsPage() {
  return <SessionsPanel />;
}
