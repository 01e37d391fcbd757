import { ArtifactContents, type Artifact } from "../../sdk/index";
import { listOption, parseAddSpec, parseReferenceSpec, requirePositionals, stringOption, UsageError } from "../args";
import type { Command } from "../command";
import { describeCommit } from "../commit-output";
import { addLocalPath, commitJson, makeApi, metadataOption, withRun } from "../context";

export const patchCommand: Command = {
  name: "patch",
  usage: "arca patch BASE_REF [--add PATH[=NAME]]… [--remove NAME]… [--reference URI[=NAME]]…",
  help: [
    "--add PATH adds or replaces a file (under its basename) or a directory's contents (at the root, or under NAME).",
    "--remove NAME drops a path of the base version (a path it lacks is refused).",
    "--description and --metadata replace the base's; --alias adds aliases to the new version.",
  ],
  options: { add: { type: "string", multiple: true }, remove: { type: "string", multiple: true } },
  async run({ values, positionals, out }) {
    requirePositionals(positionals, 1, this.usage);
    const baseRef = positionals[0] as string;
    const add = new ArtifactContents();
    for (const spec of listOption(values, "add")) {
      const { path, name } = parseAddSpec(spec);
      addLocalPath(add, path, name);
    }
    for (const spec of listOption(values, "reference")) {
      const { uri, name } = parseReferenceSpec(spec);
      add.addReference(uri, name);
    }
    const remove = listOption(values, "remove");
    const description = stringOption(values, "description");
    const metadata = metadataOption(values);
    if (add.stagedCount === 0 && remove.length === 0 && description === undefined && metadata === undefined) {
      throw new UsageError("patch needs at least one --add, --remove, --reference, --description or --metadata");
    }
    const bars = out.progress();
    try {
      const options = {
        add,
        remove,
        aliases: listOption(values, "alias"),
        onProgress: bars.onProgress,
        ...(description !== undefined ? { description } : {}),
        ...(metadata !== undefined ? { metadata } : {}),
      };
      const { artifact, run } = await withRun(values, { required: false }, async (run) => {
        const artifact: Artifact = await (run ? run.patchArtifact(baseRef, options) : makeApi(values).patchArtifact(baseRef, options));
        return { artifact, run };
      });
      bars.stop();
      out.result(commitJson(artifact, run), describeCommit("patched", artifact, run));
    } finally {
      bars.stop();
    }
  },
};
