import { handleWandbRequest } from "@/server/http/handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// The W&B client's GraphQL endpoint (docs/wandb.md): `wandb` posts to {WANDB_BASE_URL}/graphql.
const handle = (req: Request) => handleWandbRequest(req);

export { handle as GET, handle as POST };
