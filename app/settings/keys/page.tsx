import type { Metadata } from "next";
import { KeysPanel } from "@/components/account/keys-panel";

export const metadata: Metadata = { title: "API keys · Arca" };

export default function KeysPage() {
  return <KeysPanel />;
}
