import { parseAsString } from "nuqs/server";

// Shared by the Files tab (client) and the version page (server), which prefetches the first folder page.
export const FILES_PAGE = 100;

/** `dir` (the listed folder), `file` (the previewed file) and `q` (name filter). */
export const filesParams = {
  dir: parseAsString.withDefault(""),
  file: parseAsString,
  q: parseAsString.withDefault(""),
};

export const filesListInput = (ref: { entity: string; project: string; name: string; version: string }, { dir, q }: { dir: string; q: string }) => ({
  ...ref,
  dir,
  namePrefix: q || undefined,
  limit: FILES_PAGE,
});
