import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ROLES, type Role } from "@/db/queries/access";
import { closeDb } from "@/db/queries/admin";
import { copySqliteToPostgres, CopyMismatchError, TargetNotEmptyError } from "@/db/migrate-to-postgres";
import { createAuth } from "../auth/auth";
import { readConfig } from "../config";
import { createServiceContext, type ServiceContext } from "../context";
import { DomainError } from "../errors";
import { createApiKey, revokeApiKey } from "../services/accounts/keys";
import { grantRole } from "../services/accounts/members";
import { rotateBlobKeysAsJob } from "../services/blobs/rotate-key";
import { createUser, listUsers, requireUserNamed } from "../services/accounts/users";
import { openBlobStore } from "../storage/open-blob-store";

/**
 * `arca admin …`: works on the data directory (ARCA_DATA_DIR) directly, without a running server,
 * for the first admin and for automation. The server may be running: SQLite serialises writers.
 */
const USAGE = `Usage: arca admin COMMAND …   (works on $ARCA_DATA_DIR, default ./data, directly)

  create-user NAME [--admin] [--email E] --password-stdin   a user who signs in with NAME (or E) and the password read from stdin
  create-key USER --name KEYNAME [--entity E [--project P]] [--read-only] [--expires-in-days N] [--json]
                                                           an API key for USER; printed once ({"key": …} with --json)
  revoke-key USER KEYNAME                                   revoke one of USER's keys
  grant USER ENTITY[/PROJECT] viewer|editor|admin          give USER a role on a team/entity, or on one project
  list-users [--json]                                       every user, with admin flag
  rotate-key                                                re-encrypt every blob with ARCA_ENCRYPTION_KEY; ARCA_ENCRYPTION_OLD_KEYS
                                                           lists the keys they are encrypted with now; resumable (docs/security.md)
  migrate-to-postgres [URL]                                 copy this data directory's database into an empty PostgreSQL database
                                                           (URL, or ARCA_DATABASE_URL) and check every table's rows; blobs stay put`;

const ACTOR = `arca admin (${safeUser()})`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.error(`arca admin ${command}: ${error.message}`);
    return 1;
  }
  // Migrations are found from the repository root, whatever the caller's folder.
  process.chdir(path.resolve(import.meta.dirname, "..", ".."));
  // The commands act on the database the server uses; migrate-to-postgres reads the data dir's SQLite file and
  // writes to the URL it is given, so its own context stays on SQLite.
  const databaseUrl = command === "migrate-to-postgres" ? undefined : config.databaseUrl;
  const ctx = createServiceContext(config.dataDir, openBlobStore(config.dataDir, config.storage, config.encryption), { databaseUrl });
  try {
    return await run(ctx, config, command, rest);
  } catch (error) {
    if (error instanceof DomainError || error instanceof UsageError) {
      console.error(`arca admin ${command}: ${error.message}`);
      return error instanceof UsageError ? 2 : 1;
    }
    if (error instanceof TypeError && String((error as { code?: string }).code).startsWith("ERR_PARSE_ARGS")) {
      console.error(`arca admin ${command}: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  } finally {
    await closeDb(ctx);
  }
}

class UsageError extends Error {}

async function run(ctx: ServiceContext, config: ReturnType<typeof readConfig>, command: string, argv: string[]): Promise<number> {
  switch (command) {
    case "create-user": {
      const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { admin: { type: "boolean" }, email: { type: "string" }, "password-stdin": { type: "boolean" } } });
      const [name] = positionals;
      if (!name || positionals.length !== 1) throw new UsageError("give exactly one user NAME");
      if (!values["password-stdin"]) throw new UsageError("pass the password on stdin with --password-stdin (never on the command line)");
      const password = (await readStdin()).replace(/\r?\n$/, "");
      const user = await createUser(ctx, createAuth(ctx, config), { username: name, password, email: values.email, isAdmin: values.admin ?? false, actor: ACTOR });
      console.log(`created user ${user.username}${user.isAdmin ? " (instance admin)" : ""}`);
      return 0;
    }
    case "create-key": {
      const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { name: { type: "string" }, entity: { type: "string" }, project: { type: "string" }, "read-only": { type: "boolean" }, "expires-in-days": { type: "string" }, json: { type: "boolean" } },
      });
      const [username] = positionals;
      if (!username || positionals.length !== 1) throw new UsageError("give exactly one USER");
      if (!values.name) throw new UsageError("name the key with --name KEYNAME");
      const days = values["expires-in-days"];
      const user = await requireUserNamed(ctx, username);
      const { key } = await createApiKey(ctx, {
        userId: user.id,
        username: user.username,
        name: values.name,
        entity: values.entity,
        project: values.project,
        readOnly: values["read-only"] ?? false,
        expiresInDays: days === undefined ? null : Number(days),
        actor: ACTOR,
      });
      console.log(values.json ? JSON.stringify({ key }) : key);
      return 0;
    }
    case "revoke-key": {
      const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
      const [username, keyName] = positionals;
      if (!username || !keyName || positionals.length !== 2) throw new UsageError("give USER and KEYNAME");
      const user = await requireUserNamed(ctx, username);
      await revokeApiKey(ctx, { userId: user.id, username: user.username, name: keyName, actor: ACTOR });
      console.log(`revoked key ${keyName} of ${user.username}`);
      return 0;
    }
    case "grant": {
      const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
      const [username, scope, role] = positionals;
      if (!username || !scope || !role || positionals.length !== 3) throw new UsageError("give USER ENTITY[/PROJECT] ROLE");
      if (!ROLES.includes(role as Role)) throw new UsageError(`the role must be one of ${ROLES.join(", ")}, not ${JSON.stringify(role)}`);
      const [entity = "", project = "", extra] = scope.split("/");
      if (!entity || extra !== undefined) throw new UsageError(`the scope must be ENTITY or ENTITY/PROJECT, not ${JSON.stringify(scope)}`);
      const member = await grantRole(ctx, { username, entity, project, role: role as Role, actor: ACTOR });
      console.log(`${member.username} is ${member.role} of ${project ? `${entity}/${project}` : entity}`);
      return 0;
    }
    case "list-users": {
      const { values } = parseArgs({ args: argv, options: { json: { type: "boolean" } } });
      const users = await listUsers(ctx);
      if (values.json) console.log(JSON.stringify({ users }));
      else for (const u of users) console.log(`${u.username}\t${u.email}${u.isAdmin ? "\tadmin" : ""}`);
      return 0;
    }
    case "rotate-key": {
      parseArgs({ args: argv, options: {} });
      let lastReport = 0;
      const result = await rotateBlobKeysAsJob(ctx, {
        onFollow: (job) => console.log(`a rotation to this key is already running (${job.owner ?? "queued"}, ${job.done}/${job.total}): following it`),
        onProgress: (p) => {
          // A line a second at most (and the last one): a store of millions of blobs must not flood the terminal.
          if (p.done === p.total || Date.now() - lastReport >= 1000) {
            lastReport = Date.now();
            console.log(`${p.done}/${p.total} blobs checked`);
          }
        },
      });
      console.log(
        `key id ${result.keyId}: re-encrypted ${result.reencrypted} blobs (${result.bytesReencrypted} bytes), ${result.alreadyCurrent} already on this key` +
          (result.missing > 0 ? `, ${result.missing} listed in the database but not stored` : ""),
      );
      return 0;
    }
    case "migrate-to-postgres": {
      const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
      const url = positionals[0] ?? process.env.ARCA_DATABASE_URL;
      if (!url || positionals.length > 1) throw new UsageError("give the PostgreSQL URL (postgres://USER:PASSWORD@HOST:PORT/DATABASE) or set ARCA_DATABASE_URL");
      if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`the URL must start with postgres://, not ${JSON.stringify(url.split(":")[0])}`);
      try {
        const reports = await copySqliteToPostgres(path.join(config.dataDir, "arca.sqlite"), url, (r) => console.log(`${r.table}: ${r.rows} rows, digest ${r.digest} on both`));
        const rows = reports.reduce((n, r) => n + r.rows, 0);
        console.log(`copied ${reports.length} tables (${rows} rows) into PostgreSQL and checked them; blobs stay where ARCA_STORAGE says`);
        return 0;
      } catch (error) {
        if (error instanceof TargetNotEmptyError || error instanceof CopyMismatchError) {
          console.error(`arca admin migrate-to-postgres: ${error.message}`);
          return 1;
        }
        const code = (error as { code?: unknown }).code;
        if (typeof code === "string" && /^(ECONNREFUSED|ENOTFOUND|28P01|28000|3D000)$/.test(code)) {
          console.error(`arca admin migrate-to-postgres: cannot reach that database (${(error as Error).message}); nothing was copied`);
          return 1;
        }
        throw error;
      }
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Password: ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return "unknown";
  }
}
