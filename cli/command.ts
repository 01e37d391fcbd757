import type { OptionSpecs, Values } from "./args";
import type { Output } from "./output";

export interface CommandInput {
  values: Values;
  positionals: string[];
  out: Output;
}

/** One `arca` sub-command: its own file under cli/commands/, listed (with its summary) in cli/commands/index.ts. */
export interface Command {
  name: string;
  /** First line of `arca CMD --help`, e.g. `arca log PATH… [options]`. */
  usage: string;
  /** Option lines shown by --help, beyond the usage line. */
  help: string[];
  options?: OptionSpecs;
  run(input: CommandInput): Promise<void>;
}
