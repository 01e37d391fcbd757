/**
 * What "Use this version" offers to copy (issue 14, item 1). Each snippet is written the way the
 * project's own docs write it, so a copied line works as documented: docs/cli.md (`arca download REF`),
 * docs/sdk.md (`run.useArtifact`), W&B's Python client against Arca (`WANDB_BASE_URL`) and docs/api.md (`curl -OJ …/zip`).
 */
export interface UsageInput {
  /** The server as the browser reached it, e.g. `http://127.0.0.1:3000`. */
  origin: string;
  entity: string;
  project: string;
  name: string;
  /** `v3` or an alias. */
  selector: string;
  /** Accounts mode: programs send an API key. */
  accounts: boolean;
}

export interface Snippet {
  id: "ref" | "cli" | "ts" | "python" | "curl";
  label: string;
  /** The code block's language, for the screen reader label only. */
  language: string;
  code: string;
}

/** The CLI's and the SDK's built-in default server: no need to set ARCA_BASE_URL for it. */
const DEFAULT_BASE_URL = "http://127.0.0.1:3000";

/** A string literal for Python and TypeScript: names are `[A-Za-z0-9_.-]`, so JSON's quoting is both languages' quoting. */
const lit = (s: string) => JSON.stringify(s);

/** POSIX shell quoting, only where a character needs it. */
function sh(s: string): string {
  return /^[A-Za-z0-9_.:/@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function usageSnippets(u: UsageInput): Snippet[] {
  const ref = `${u.entity}/${u.project}/${u.name}:${u.selector}`;
  const env = [u.origin !== DEFAULT_BASE_URL ? `ARCA_BASE_URL=${sh(u.origin)}` : null].filter(Boolean);
  const enc = encodeURIComponent;
  const zip = `${u.origin}/api/v1/projects/${enc(u.entity)}/${enc(u.project)}/artifacts/${enc(u.name)}/versions/${enc(u.selector)}/zip`;
  return [
    { id: "ref", label: "Reference", language: "text", code: ref },
    {
      id: "cli",
      label: "CLI",
      language: "shell",
      code: `${u.accounts ? "# ARCA_API_KEY=<your key> (Settings → API keys)\n" : ""}${[...env, "arca download", sh(ref)].join(" ")}`,
    },
    {
      id: "ts",
      label: "TypeScript SDK",
      language: "TypeScript",
      code: [
        `import { init } from "./sdk/index";`,
        ``,
        `// Reads ARCA_BASE_URL${u.accounts ? " and ARCA_API_KEY" : ""}${u.origin !== DEFAULT_BASE_URL ? ` (${u.origin})` : ""}.`,
        `const run = await init({ entity: ${lit(u.entity)}, project: ${lit(u.project)} });`,
        `const artifact = await run.useArtifact(${lit(ref)});`,
        `const dir = await artifact.download();`,
      ].join("\n"),
    },
    {
      id: "python",
      label: "Python (wandb)",
      language: "Python",
      code: [
        `# WANDB_BASE_URL=${u.origin}${u.accounts ? " WANDB_API_KEY=<your Arca key>" : ""}`,
        `import wandb`,
        ``,
        `run = wandb.init(entity=${lit(u.entity)}, project=${lit(u.project)})`,
        `artifact = run.use_artifact(${lit(ref)})`,
        `path = artifact.download()`,
      ].join("\n"),
    },
    {
      id: "curl",
      label: "curl",
      language: "shell",
      code: `curl -OJ ${u.accounts ? `-H "Authorization: Bearer $ARCA_API_KEY" ` : ""}${sh(zip)}`,
    },
  ];
}
