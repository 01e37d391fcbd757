import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
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
    // As W&B names it (os.path.basename of the URI): the query stays part of the name.
    expect(paths((a) => a.addReference("https://example.com/data/train.csv?x=1"))).toEqual(["train.csv?x=1"]);
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

describe("folders walked as W&B's add_dir walks them", () => {
  let root: string;
  const tree = (path: string) => join(root, path);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "arca-walk-"));
    await mkdir(tree("data/real"), { recursive: true });
    await mkdir(tree("outside"));
    await writeFile(tree("data/real/a.txt"), "a");
    await writeFile(tree("outside/b.txt"), "b");
    await writeFile(tree("data/back\\slash.txt"), "\\");
    await symlink(tree("data/real"), tree("data/inside-link"));
    await symlink(tree("outside"), tree("data/outside-link"));
    await mkdir(tree("empty/one/two"), { recursive: true });
    await mkdir(tree("empty/three"));
    await mkdir(tree("dangling"));
    await symlink(tree("dangling/nowhere"), tree("dangling/gone.txt"));
    await mkdir(tree("loop/sub"), { recursive: true });
    await symlink(tree("loop"), tree("loop/sub/up"));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("follows symlinked folders inside and outside the tree, and keeps backslashes in names", () => {
    expect(paths((a) => a.addDir(tree("data")))).toEqual([
      "back\\slash.txt",
      "inside-link/a.txt",
      "outside-link/b.txt",
      "real/a.txt",
    ]);
  });

  it("adds a folder holding only empty folders as no entries, and remembers a folder was added", () => {
    const artifact = new Artifact("empty", "dataset").addDir(tree("empty"));
    expect(artifact.stagedPaths()).toEqual([]);
    expect(artifact.mayBeEmpty).toBe(true);
    expect(new Artifact("nothing", "dataset").mayBeEmpty).toBe(false);
  });

  it("refuses a dangling symlink, naming it, and a link back into its own ancestors", () => {
    expect(() => new Artifact("x", "dataset").addDir(tree("dangling"))).toThrow(`cannot add ${tree("dangling/gone.txt")}: it is a symbolic link to a missing file`);
    expect(() => new Artifact("x", "dataset").addDir(tree("loop"))).toThrow(/loop\/sub\/up: it is a link to .* a folder that contains it/);
  });

  it("file:// folder references do not follow symlinked folders, as W&B's reference handler does not", async () => {
    const artifact = new Artifact("refs", "dataset").addReference(`file://${tree("data")}`);
    const { references } = await artifact.resolveContents();
    expect(references.map((entry) => entry.path)).toEqual(["back\\slash.txt", "real/a.txt"]);
  });
});
