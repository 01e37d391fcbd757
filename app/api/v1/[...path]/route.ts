import { handleApiRequest } from "@/server/http/handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Next passes a route context as the second argument: keep it away from handleApiRequest's rawBody.
const handle = (req: Request) => handleApiRequest(req);

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
