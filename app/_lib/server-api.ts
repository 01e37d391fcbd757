import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { createRequestContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";

/** Server components call the same tRPC procedures as the browser, as the request's user, without HTTP. */
export async function serverApi() {
  return createCaller(await createRequestContext(await headers()));
}

/**
 * Loads what a page is about; a missing (or hidden: same thing) entity/project/artifact/version
 * renders the not-found page, and a visitor who is not signed in goes to the sign-in page.
 */
export async function loadOr404<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") redirect(await signInUrl());
    throw error;
  }
}

/** The sign-in page, coming back here afterwards (the proxy passes the page's path on). */
export async function signInUrl(): Promise<string> {
  const path = (await headers()).get("x-arca-path");
  return path && path.startsWith("/") && !path.startsWith("//") ? `/sign-in?next=${encodeURIComponent(path)}` : "/sign-in";
}
