import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ApiServer {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The real HTTP API (server/http) on an ephemeral loopback port, over a fresh data directory, for tests that drive the
 * SDK or the CLI end to end without a Next build. Call once per test file: the server modules read ARCA_DATA_DIR when
 * first imported.
 */
export async function startApiServer(): Promise<ApiServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "arca-api-"));
  process.env.ARCA_DATA_DIR = dataDir;
  const { handleNodeApiRequest } = await import("../../server/http/node-adapter");
  const server = createServer((req, res) => {
    handleNodeApiRequest(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
