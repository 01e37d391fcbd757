import type { Command } from "./command";
import type { CommandEntry } from "./commands/index";

const COMMON_HELP = [
  "  --name NAME             artifact name (default: basename of the first PATH)",
  "  --type TYPE             artifact type for new versions (default: dataset)",
  "  --entity E, --project P namespace (default: $ARCA_ENTITY / $ARCA_PROJECT, else your user name / uncategorized)",
  "  --alias ALIAS           alias for the new version (repeatable)",
  "  --description TEXT      description",
  "  --metadata JSON         metadata, a JSON object",
  "  --reference URI[=NAME]  track an http(s)/s3/gs/file URI without copying it (repeatable)",
  "  --run ID                work inside this run (created if it does not exist; left running)",
  "  --job-type T, --group G create a run with this job type / group (finished when the command ends)",
  "  --json                  print exactly one JSON object on stdout",
  "  -h, --help              show help",
];

const ENV_HELP = [
  "Environment:",
  "  ARCA_BASE_URL   server (default http://127.0.0.1:3000)",
  "  ARCA_API_KEY    your API key (Settings → API keys), sent as a bearer token",
  "  ARCA_ENTITY     default entity (default: your user name, or local)",
  "  ARCA_PROJECT    default project (default: uncategorized)",
  "  ARCA_CACHE_DIR  hash cache folder (default: $XDG_CACHE_HOME/arca, else ~/.cache/arca)",
  "  ARCA_NO_HASH_CACHE=1  hash every file, ignoring the hash cache",
];

export function globalHelp(commands: CommandEntry[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    "Usage: arca COMMAND [ARGS…] [options]   (npm run --silent arca -- COMMAND …)",
    "",
    "Commands:",
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    `  ${"admin".padEnd(width)}  users, API keys and roles, on the data directory (arca admin --help)`,
    "",
    "Common options:",
    ...COMMON_HELP,
    "",
    ...ENV_HELP,
    "",
    "Run 'arca COMMAND --help' for a command's arguments.",
  ].join("\n");
}

export function commandHelp(command: Command, summary: string): string {
  return [`Usage: ${command.usage}`, "", summary, "", ...command.help.map((line) => `  ${line}`), "", "Common options:", ...COMMON_HELP, "", ...ENV_HELP].join("\n");
}
