import { drizzleAdapter } from "better-auth/adapters/drizzle";
import type { LegacyDbHandle } from "../client";
import { accounts, sessions, users, verifications } from "../schema";

/**
 * better-auth's way to the database: its drizzle adapter over the users, sessions, accounts and
 * verifications tables. It runs its own queries (sign-in, session look-ups), so it takes the
 * drizzle handle itself; which database (`provider`) it speaks is decided here, with the others.
 */
export function authDatabase({ db }: LegacyDbHandle) {
  return drizzleAdapter(db, { provider: "sqlite", schema: { user: users, session: sessions, account: accounts, verification: verifications } });
}
