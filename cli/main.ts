import { ArcaError } from "../sdk/errors";
import { Client } from "../sdk/client";
import { FALLBACK_ENTITY, resolveSettings } from "../sdk/config";
import { flagOption, parseCommandArgs, UsageError, type Values } from "./args";
import type { Command } from "./command";
import { COMMANDS } from "./commands/index";
import { commandHelp, globalHelp } from "./help";
import { Output } from "./output";

export { COMMANDS };

/** Runs `arca ARGS…` and returns the exit code: 0, 1 for a failure, 2 for a usage error. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? process.stderr : process.stdout).write(`${globalHelp(COMMANDS)}\n`);
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS.find((candidate) => candidate.name === name);
  if (!entry) {
    process.stderr.write(`arca: unknown command ${JSON.stringify(name)}\nRun 'arca --help' for the list of commands.\n`);
    return 2;
  }
  // Only this command's module (and what it needs of the SDK) is loaded.
  const command = await entry.load();
  try {
    const { values, positionals } = parseCommandArgs(rest, command.options);
    if (flagOption(values, "help")) {
      process.stdout.write(`${commandHelp(command, entry.summary)}\n`);
      return 0;
    }
    await useKeyOwnersEntity(values);
    await command.run({ values, positionals, out: new Output(flagOption(values, "json")) });
    return 0;
  } catch (error) {
    return reportError(command, error);
  }
}

/**
 * With an API key and no entity given, log where the key's owner logs (their own entity, or the
 * key's entity), as W&B's client does, instead of the OS user name, which the server may not know.
 */
async function useKeyOwnersEntity(values: Values): Promise<void> {
  if (values.entity !== undefined || process.env.ARCA_ENTITY || !process.env.ARCA_API_KEY) return;
  const viewer = await new Client(resolveSettings({ entity: FALLBACK_ENTITY })).get<{ defaultEntity: string | null }>("/viewer").catch(() => null);
  if (viewer?.defaultEntity) process.env.ARCA_ENTITY = viewer.defaultEntity;
}

function reportError(command: Command, error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`arca ${command.name}: ${error.message}\nRun 'arca ${command.name} --help' for usage.\n`);
    return 2;
  }
  if (error instanceof ArcaError) {
    const code = error.status > 0 ? ` [${error.status} ${error.code}]` : "";
    process.stderr.write(`arca ${command.name}: ${error.message}${code}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`arca ${command.name}: ${message}\n`);
  if (process.env.ARCA_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return 1;
}
