import { parseAsBoolean, parseAsFloat, parseAsInteger, parseAsString } from "nuqs/server";

/**
 * The cleanup view's state in the URL: scope (collection or type; neither = whole project), the
 * criteria, whether the dry run is shown, its page cursor, and the running job.
 */
export const cleanupParams = {
  collection: parseAsString,
  type: parseAsString,
  keep: parseAsInteger.withDefault(0),
  older: parseAsFloat,
  drafts: parseAsBoolean.withDefault(false),
  preview: parseAsBoolean.withDefault(false),
  after: parseAsString,
  job: parseAsString,
};
