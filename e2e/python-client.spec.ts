import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";

// docs/api.md promises that a Python user can log and download with only an HTTP library: run that example.
test("the Python example in docs/api.md logs and downloads an artifact", ({ baseURL }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-py-"));
  fs.mkdirSync(path.join(dir, "sub"));
  fs.writeFileSync(path.join(dir, "a.txt"), "hello");
  fs.writeFileSync(path.join(dir, "sub", "b.txt"), "world!");
  const out = execFileSync("python3", ["docs/examples/log_and_download.py", dir, "py-dataset", baseURL!], { encoding: "utf8" });
  const [summary, downloaded] = out.trim().split("\n");
  // Digest of {a.txt: md5("hello"), sub/b.txt: md5("world!")}, computed by hand with md5sum as in lib/digest.test.ts
  expect(JSON.parse(summary!)).toEqual({ ref: "me/python-example/py-dataset:v0", digest: "68fc9a46d28a883080254e45ec097887", created: true });
  expect(fs.readFileSync(path.join(downloaded!, "sub", "b.txt"), "utf8")).toBe("world!");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(downloaded!, { recursive: true, force: true });
});
