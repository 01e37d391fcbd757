import { handleWandbRequest } from "@/server/http/handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// The W&B client's run stream (docs/wandb.md): history rows, the summary and the exit code.
const handle = (req: Request) => handleWandbRequest(req);

export { handle as POST };
