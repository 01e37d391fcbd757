import { handleWandbRequest } from "@/server/http/handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// The W&B client's run stream: POST /files/{entity}/{project}/{run}/file_stream (docs/wandb.md).
const handle = (req: Request) => handleWandbRequest(req);

export { handle as POST };
