import { countUsers, deleteUser as deleteUserRow, findUserByUsername, listUsers as listUserRows, lockInstanceAdmins, setUserAdmin, type UserRow } from "@/db/queries/access";
import { transaction } from "@/db/transaction";
import { checkNamespacePart } from "@/lib/names";
import { ConflictError, NotFoundError, ValidationError, assertValid } from "../../errors";
import type { ServiceContext } from "../../context";
import type { Auth } from "../../auth/auth";
import { recordAudit } from "./audit";
import { entityNameTaken, RESERVED_NAMES } from "./entities";

export interface UserDto {
  username: string;
  name: string;
  email: string;
  isAdmin: boolean;
  createdAt: string;
}

export const toUserDto = (u: UserRow): UserDto => ({ username: u.username, name: u.name, email: u.email, isAdmin: u.isAdmin, createdAt: new Date(u.createdAt).toISOString() });

export interface CreateUserInput {
  username: string;
  password: string;
  email?: string;
  name?: string;
  isAdmin?: boolean;
  actor: string;
}

/**
 * A user with a password, made by an instance admin (or `arca admin create-user`). The hash is
 * better-auth's (scrypt), so the person signs in through the ordinary sign-in form.
 */
export async function createUser(ctx: ServiceContext, auth: Auth, input: CreateUserInput): Promise<UserDto> {
  const username = input.username.trim().toLowerCase();
  assertValid(checkNamespacePart("user", username));
  if (RESERVED_NAMES.has(username)) throw new ValidationError(`${username} is reserved; pick another user name`);
  if (username.length > 64) throw new ValidationError("user names are at most 64 characters");
  if (input.password.length < 8) throw new ValidationError("the password needs at least 8 characters");
  if (input.password.length > 256) throw new ValidationError("the password may have at most 256 characters");
  const email = (input.email?.trim() || `${username}@users.arca.invalid`).toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new ValidationError(`invalid e-mail address ${JSON.stringify(input.email)}`);
  if (await entityNameTaken(ctx, username)) throw new ConflictError(`the name ${username} is taken by a user or team; pick another`);
  const context = await auth.$context;
  if (await context.internalAdapter.findUserByEmail(email)) throw new ConflictError(`a user with e-mail ${email} exists already`);
  const hash = await context.password.hash(input.password);
  const user = await context.internalAdapter.createUser({ email, name: input.name?.trim() || username, emailVerified: false, username, displayUsername: username, isAdmin: input.isAdmin ?? false }, { method: "admin" });
  await context.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: hash });
  await recordAudit(ctx, { actor: input.actor, action: "user.create", target: username, entity: null, detail: { isAdmin: input.isAdmin ?? false } });
  return toUserDto((await findUserByUsername(ctx, username))!);
}

export async function listUsers(ctx: ServiceContext): Promise<UserDto[]> {
  return (await listUserRows(ctx)).map(toUserDto);
}

export async function hasUsers(ctx: ServiceContext): Promise<boolean> {
  return (await countUsers(ctx)) > 0;
}

export async function requireUserNamed(ctx: ServiceContext, username: string): Promise<UserRow> {
  const user = await findUserByUsername(ctx, username);
  if (!user) throw new NotFoundError(`there is no user named ${username}`);
  return user;
}

export async function setAdmin(ctx: ServiceContext, input: { username: string; isAdmin: boolean; actor: string }): Promise<UserDto> {
  const user = await requireUserNamed(ctx, input.username);
  await transaction(ctx, async () => {
    // The admins are locked before they are counted (PostgreSQL): see lockInstanceAdmins.
    await lockInstanceAdmins(ctx);
    if (!input.isAdmin && user.isAdmin && (await listUserRows(ctx)).filter((u) => u.isAdmin).length === 1) {
      throw new ConflictError(`${user.username} is the last instance admin; make someone else admin first`);
    }
    await setUserAdmin(ctx, user.id, input.isAdmin, ctx.now());
    await recordAudit(ctx, { actor: input.actor, action: "user.admin", target: user.username, entity: null, detail: { isAdmin: input.isAdmin } });
  });
  return toUserDto(await requireUserNamed(ctx, input.username));
}

/** Their sessions, keys and roles go too; what they logged stays (history keeps their name). */
export async function deleteUser(ctx: ServiceContext, input: { username: string; actor: string }): Promise<void> {
  const user = await requireUserNamed(ctx, input.username);
  if (user.username === input.actor) throw new ConflictError("you cannot delete yourself; ask another instance admin");
  await transaction(ctx, async () => {
    await deleteUserRow(ctx, user.id);
    await recordAudit(ctx, { actor: input.actor, action: "user.delete", target: user.username, entity: null });
  });
}
