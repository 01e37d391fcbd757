import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { createRequestContext } from "@/server/trpc/init";
import { createCaller } from "@/server/trpc/root";

/** The request's tRPC context, built once per page request (React's `cache`): authenticating is a session lookup in accounts mode. */
export const getRequestContext = cache(async () => createRequestContext(await headers()));

/** Server components call the same tRPC procedures as the browser, as the request's user, without HTTP. */
export async function serverApi() {
  return createCaller(await getRequestContext());
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

export type Me = Awaited<ReturnType<Awaited<ReturnType<typeof serverApi>>["account"]["me"]>>;

/**
 * Who is visiting; a stale or invalid credential is simply "not signed in" for rendering. Once per request
 * (React's `cache`): the root layout and the page both ask.
 */
export const loadMe = cache(async (): Promise<Me> => {
  try {
    return await (await serverApi()).account.me();
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return { mode: "accounts", user: null, sso: null };
    throw error;
  }
});

/**
 * Pages only some people may open (members of an entity, instance administration): a refusal
 * renders the not-found page, like a project one may not see.
 */
export async function loadOrHide<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await loadOr404(load);
  } catch (error) {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") notFound();
    throw error;
  }
}
