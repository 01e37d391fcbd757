import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { installForbiddenMethodGuard } from "./forbidden-methods";

// A stand-in for Next's request handling: it builds a WHATWG Request from every Node request.
const server = http.createServer((req, res) => {
  try {
    new Request(`http://127.0.0.1${req.url}`, { method: req.method });
    res.writeHead(200).end("ok");
  } catch {
    res.writeHead(500).end("boom");
  }
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as AddressInfo;
afterAll(() => new Promise((resolve) => server.close(resolve)));

function statusOf(method: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(`${method} /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
    let head = "";
    socket.on("data", (d: Buffer) => (head += d.toString("latin1")));
    socket.on("end", () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1])));
    socket.on("error", reject);
  });
}

describe("forbidden methods", () => {
  it("refuses TRACE with 405 before the framework turns it into a 500", async () => {
    installForbiddenMethodGuard();
    expect(await statusOf("TRACE")).toBe(405);
    expect(await statusOf("GET")).toBe(200);
  });
});
