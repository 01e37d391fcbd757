import type { NextApiRequest, NextApiResponse } from "next";
import { handleNodeApiRequest } from "@/server/http/node-adapter";

// Blob bytes take the Pages Router on purpose: it hands over the raw Node request, so uploads
// stream straight to disk. Everything else in /api/v1 is served by app/api/v1/[...path].
export const config = { api: { bodyParser: false, responseLimit: false, externalResolver: true } };

export default async function blobs(req: NextApiRequest, res: NextApiResponse): Promise<void> {
  await handleNodeApiRequest(req, res);
}
