import { createServer, type Server } from "node:http";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { md5Base64 } from "../lib/digest";
import { inferReferenceName, resolveReference, stripEtag } from "./references";

let dir: string;
let server: Server;
let origin: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "arca-refs-"));
  await mkdir(join(dir, "images"));
  await writeFile(join(dir, "images/cat.png"), "cat");
  await writeFile(join(dir, "images/dog.png"), "dog");
  server = createServer((request, response) => {
    if (request.url === "/tagged.bin") response.writeHead(200, { etag: '"abc123"', "content-length": "42" });
    else if (request.url === "/untagged.bin") response.writeHead(200, { "content-length": "7" });
    else response.writeHead(404);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe("reference names", () => {
  it("take the URI's last segment", () => {
    expect(inferReferenceName("s3://my-bucket/checkpoints/model.h5")).toBe("model.h5");
    expect(inferReferenceName("s3://my-bucket")).toBe("my-bucket");
    expect(inferReferenceName("https://host/a%20b.txt")).toBe("a%20b.txt");
    expect(inferReferenceName("http://host/dir/b?x=1")).toBe("b?x=1");
    expect(() => inferReferenceName("https://host/dir/")).toThrow(/pass one/);
    expect(inferReferenceName("file:///data/images/")).toBe("images");
  });

  it("strip ETag quotes", () => {
    expect(stripEtag('"abc"')).toBe("abc");
    expect(stripEtag('W/"abc"')).toBe("abc");
    expect(stripEtag("abc")).toBe("abc");
  });
});

describe("resolving references", () => {
  it("http(s): ETag and Content-Length, else the URI", async () => {
    expect(await resolveReference(`${origin}/tagged.bin`, undefined, true)).toEqual([
      { path: "tagged.bin", ref: `${origin}/tagged.bin`, digest: "abc123", size: 42, extra: { etag: '"abc123"' } },
    ]);
    expect(await resolveReference(`${origin}/untagged.bin`, "u.bin", true)).toEqual([{ path: "u.bin", ref: `${origin}/untagged.bin`, digest: `${origin}/untagged.bin`, size: 7 }]);
    expect(await resolveReference(`${origin}/missing`, undefined, true)).toEqual([{ path: "missing", ref: `${origin}/missing`, digest: `${origin}/missing` }]);
  });

  it("checksum off, s3 and gs: the digest is the URI", async () => {
    expect(await resolveReference(`${origin}/tagged.bin`, undefined, false)).toEqual([{ path: "tagged.bin", ref: `${origin}/tagged.bin`, digest: `${origin}/tagged.bin` }]);
    expect(await resolveReference("s3://my-bucket/images", "images", true)).toEqual([{ path: "images", ref: "s3://my-bucket/images", digest: "s3://my-bucket/images" }]);
  });

  it("file://: a file gets its MD5, a directory expands like the seeds' prefix table", async () => {
    const cat = pathToFileURL(join(dir, "images/cat.png")).href;
    const dog = pathToFileURL(join(dir, "images/dog.png")).href;
    expect(await resolveReference(cat, undefined, true)).toEqual([{ path: "cat.png", ref: cat, digest: md5Base64("cat"), size: 3 }]);
    const images = pathToFileURL(join(dir, "images")).href;
    expect((await resolveReference(images, undefined, true)).map((entry) => [entry.path, entry.ref])).toEqual([["cat.png", cat], ["dog.png", dog]]);
    expect((await resolveReference(images, "images", true)).map((entry) => entry.path)).toEqual(["images/cat.png", "images/dog.png"]);
    await expect(resolveReference(pathToFileURL(join(dir, "nope")).href, undefined, true)).rejects.toThrow(/does not exist/);
  });
});
