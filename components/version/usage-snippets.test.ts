import { describe, expect, it } from "vitest";
import { usageSnippets } from "./usage-snippets";

const base = { origin: "http://127.0.0.1:3000", entity: "demo", project: "mnist-pipeline", name: "checkpoints", selector: "best", accounts: false };
const byId = (input: Parameters<typeof usageSnippets>[0]) => Object.fromEntries(usageSnippets(input).map((s) => [s.id, s.code]));

describe("usageSnippets", () => {
  it("writes each line as the docs do, for the default local server", () => {
    const s = byId(base);
    expect(s.ref).toBe("demo/mnist-pipeline/checkpoints:best");
    expect(s.cli).toBe("arca download demo/mnist-pipeline/checkpoints:best");
    expect(s.ts).toContain(`const artifact = await run.useArtifact("demo/mnist-pipeline/checkpoints:best");`);
    expect(s.python).toContain(`artifact = run.use_artifact("demo/mnist-pipeline/checkpoints:best")`);
    expect(s.curl).toBe("curl -OJ http://127.0.0.1:3000/api/v1/projects/demo/mnist-pipeline/artifacts/checkpoints/versions/best/zip");
  });

  it("names another server and, with accounts on, the API key", () => {
    const s = byId({ ...base, origin: "https://arca.example.com", accounts: true, selector: "v35" });
    expect(s.cli).toBe("# ARCA_API_KEY=<your key> (Settings → API keys)\nARCA_BASE_URL=https://arca.example.com arca download demo/mnist-pipeline/checkpoints:v35");
    expect(s.curl).toBe('curl -OJ -H "Authorization: Bearer $ARCA_API_KEY" https://arca.example.com/api/v1/projects/demo/mnist-pipeline/artifacts/checkpoints/versions/v35/zip');
    expect(s.python).toContain("WANDB_BASE_URL=https://arca.example.com WANDB_API_KEY=<your Arca key>");
  });

  it("encodes URL segments and shell-quotes what needs it", () => {
    const s = byId({ ...base, entity: "team a", project: "p&q" });
    // Percent-encoding leaves nothing the shell would read: no quotes needed.
    expect(s.curl).toBe("curl -OJ http://127.0.0.1:3000/api/v1/projects/team%20a/p%26q/artifacts/checkpoints/versions/best/zip");
    expect(s.cli).toBe("arca download 'team a/p&q/checkpoints:best'");
  });
});
