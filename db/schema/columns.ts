import { integer } from "drizzle-orm/sqlite-core";

/** One timestamp representation everywhere: integer milliseconds since the epoch (UTC). */
export const timestampMs = (name: string) => integer(name);

export const createdAt = () => timestampMs("created_at").notNull();
export const updatedAt = () => timestampMs("updated_at").notNull();
