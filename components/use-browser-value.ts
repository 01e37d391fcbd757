"use client";

import { useSyncExternalStore } from "react";

const noSubscribe = () => () => {};

/**
 * A value only the browser knows (its origin, its platform, that it has hydrated): `onServer` in the
 * server's HTML and during hydration, so they match, then `read()`. Read once; it is not watched.
 */
export function useBrowserValue<T>(read: () => T, onServer: T): T {
  return useSyncExternalStore(noSubscribe, read, () => onServer);
}
