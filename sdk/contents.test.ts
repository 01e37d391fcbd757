import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Artifact, ArtifactContents } from "./index";

// The seeds' project directory: images/{cat,dog}.png, checkpoints/model.h5, model.h5.
let project: string;
const at = (path: string) => join(project, path);

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), "arca-contents-"));
  await mkdir(at("images"));
  await mkdir(at("checkpoints"));
  for (const path of ["images/cat.png", "images/dog.png", "checkpoints/model.h5", "model.h5"]) await writeFile(at(path), path);
});

afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

const paths = (build: (artifact: Artifact) => unknown) => {
  const artifact = new Artifact("example", "dataset");
  build(artifact);
  return artifact.stagedPaths();
};

describe("the seeds' tables", () => {
  it("addFile", () => {
    expect(paths((a) => a.addFile(at("model.h5")))).toEqual(["model.h5"]);
    expect(paths((a) => a.addFile(at("checkpoints/model.h5")))).toEqual(["model.h5"]);
    expect(paths((a) => a.addFile(at("model.h5"), "models/mymodel.h5"))).toEqual(["models/mymodel.h5"]);
  });

  it("addDir", () => {
    expect(paths((a) => a.addDir(at("images")))).toEqual(["cat.png", "dog.png"]);
    expect(paths((a) => a.addDir(at("images"), "images"))).toEqual(["images/cat.png", "images/dog.png"]);
    expect(paths((a) => a.addDir(project))).toEqual(["checkpoints/model.h5", "images/cat.png", "images/dog.png", "model.h5"]);
  });

  it("newFile", async () => {
    const artifact = new Artifact("example", "dataset");
    const handle = artifact.newFile("hello.txt");
    handle.write("hello ").write(Buffer.from("world"));
    handle.close();
    expect(artifact.stagedPaths()).toEqual(["hello.txt"]);
    expect(await readFile(handle.localPath, "utf8")).toBe("hello world");
    const direct = artifact.newFile("nested/direct.txt", "at once");
    expect(direct.closed).toBe(true);
    expect(await readFile(direct.localPath, "utf8")).toBe("at once");
  });

  it("addReference", () => {
    expect(paths((a) => a.addReference("s3://my-bucket/model.h5"))).toEqual(["model.h5"]);
    expect(paths((a) => a.addReference("s3://my-bucket/checkpoints/model.h5"))).toEqual(["model.h5"]);
    expect(paths((a) => a.addReference("s3://my-bucket/model.h5", "models/mymodel.h5"))).toEqual(["models/mymodel.h5"]);
    expect(paths((a) => a.addReference("gs://bucket/dir/", undefined, { checksum: false }))).toEqual(["dir"]);
    expect(paths((a) => a.addReference("https://example.com/data/train.csv?x=1"))).toEqual(["train.csv"]);
  });
});

describe("refusals, before anything is hashed or sent", () => {
  it("bad names and types", () => {
    expect(() => new Artifact("bad name", "dataset")).toThrow(/invalid artifact name/);
    expect(() => new Artifact("ok", "arca-table")).toThrow(/reserved/);
    expect(() => new Artifact("ok", "dataset", { metadata: { x: Number.POSITIVE_INFINITY } })).toThrow(/Infinity/);
  });

  it("bad paths", () => {
    const artifact = new Artifact("example", "dataset");
    expect(() => artifact.addFile(at("model.h5"), "../escape.h5")).toThrow(/'\.\.' segments/);
    expect(() => artifact.addFile(at("model.h5"), "/abs.h5")).toThrow(/relative/);
    expect(() => artifact.newFile("a//b")).toThrow(/empty segment/);
    expect(() => artifact.addDir(at("images"), "../up")).toThrow(/'\.\.'/);
    expect(() => artifact.addReference("s3://bucket/x", "a\\b")).toThrow(/separator/);
    expect(artifact.stagedPaths()).toEqual([]);
  });

  it("missing files, unsupported schemes, duplicate paths", () => {
    const artifact = new Artifact("example", "dataset");
    expect(() => artifact.addFile(at("nope.h5"))).toThrow(/not a file/);
    expect(() => artifact.addDir(at("model.h5"))).toThrow(/not a directory/);
    expect(() => artifact.addReference("ftp://host/file")).toThrow(/unsupported reference scheme/);
    artifact.addFile(at("model.h5"));
    artifact.addFile(at("model.h5"));
    expect(() => artifact.addFile(at("checkpoints/model.h5"))).toThrow(/added twice/);
  });

  it("a bare ArtifactContents stages the same way (the `add` of a patch)", () => {
    const contents = new ArtifactContents().addDir(at("images"), "pictures/").addFile(at("model.h5"));
    expect(contents.stagedPaths()).toEqual(["model.h5", "pictures/cat.png", "pictures/dog.png"]);
  });
});
