import { createProgressBars, type ProgressBars } from "./progress";

/**
 * Everything a command prints goes through here: with --json exactly one JSON object on stdout; otherwise short
 * human lines. Progress bars go to stderr, only on a TTY and never with --json.
 */
export class Output {
  constructor(
    readonly json: boolean,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
    private readonly stderrIsTTY: boolean = process.stderr.isTTY === true,
  ) {}

  result(value: object, human: string): void {
    this.stdout.write(this.json ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`);
  }

  progress(): ProgressBars {
    return createProgressBars(this.stderrIsTTY && !this.json);
  }
}
