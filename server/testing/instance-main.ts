// One Arca instance's API in a process of its own, configured by the environment as `npm start` is
// (ARCA_DATA_DIR, ARCA_DATABASE_URL, ARCA_STORAGE, …): `node --import tsx server/testing/instance-main.ts`.
// Prints "listening <url>" once it serves; stops on SIGTERM. Used where a test needs several instances
// on one database, whose in-process locks and caches must not be shared (server/instances.test.ts).
import { bootServer } from "../boot";
import { serveApi } from "./api-server";

const { server, baseUrl } = await serveApi();
await bootServer();
console.log(`listening ${baseUrl}`);
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
