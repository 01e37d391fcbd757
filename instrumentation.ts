/** Runs once when the server starts: open + migrate the database, and seed the demo project in a new data dir. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installForbiddenMethodGuard } = await import("./server/http/forbidden-methods");
  installForbiddenMethodGuard();
  const { bootServer } = await import("./server/boot");
  await bootServer();
}
