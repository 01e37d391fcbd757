import { getAuth } from "@/server/context";
import { whenReady } from "@/server/boot";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// better-auth's endpoints: sign-in (e-mail or username), sign-out, sessions, single sign-on callbacks.
async function handle(req: Request): Promise<Response> {
  await whenReady();
  return getAuth().handler(req);
}

export { handle as GET, handle as POST };
