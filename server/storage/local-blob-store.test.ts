import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describeBlobStore } from "./blob-store.contract";
import { LocalBlobStore } from "./local-blob-store";

describeBlobStore("local directory", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "arca-blobs-"));
  const tmp = path.join(root, "tmp");
  return {
    store: new LocalBlobStore(root),
    plantLeftovers: async () => {
      await fs.promises.writeFile(path.join(tmp, "killed-upload"), "partial");
      return 1;
    },
    // tmp/staged/ holds staged objects (tested through the store), not leftovers.
    countLeftovers: async () => (await fs.promises.readdir(tmp)).filter((name) => name !== "staged").length,
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
});
