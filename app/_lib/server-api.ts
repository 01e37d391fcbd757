import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { createContextInner } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";

/** Server components call the same tRPC procedures as the browser, without HTTP. */
export const serverApi = () => createCaller(createContextInner());

/** Loads what a page is about; a missing entity/project/artifact/version renders the not-found page. */
export async function loadOr404<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
}
