/** Runs once when the server starts: open + migrate the database, and seed the demo project in a new data dir. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installForbiddenMethodGuard } = await import("./server/http/forbidden-methods");
  installForbiddenMethodGuard();
  // `npm start` serves the API from these handlers without Next's routing (server/http/fast-path.ts).
  const { installFastPath } = await import("./server/http/fast-path");
  installFastPath();
  const { bootServer } = await import("./server/boot");
  await bootServer();
}
