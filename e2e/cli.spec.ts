import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";

function arca(baseURL: string, args: string[]): string {
  return execFileSync(process.execPath, ["cli/bin.mjs", ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ARCA_BASE_URL: baseURL, ARCA_ENTITY: "e2e", ARCA_PROJECT: "cli" },
  });
}

test("an artifact logged with the CLI is served by the API and reachable from the home page", async ({ page, request, baseURL }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-e2e-cli-"));
  fs.mkdirSync(path.join(dir, "images"));
  fs.writeFileSync(path.join(dir, "images", "cat.png"), "not really a png");
  fs.writeFileSync(path.join(dir, "labels.csv"), "id,label\n1,cat\n");

  const logged = JSON.parse(arca(baseURL!, ["log", dir, "--name", "pets", "--type", "dataset", "--alias", "best", "--json"])) as Record<string, unknown>;
  expect(logged).toMatchObject({ ref: "e2e/cli/pets:v0", version: "v0", state: "COMMITTED", created: true });

  const again = JSON.parse(arca(baseURL!, ["log", dir, "--name", "pets", "--type", "dataset", "--json"])) as Record<string, unknown>;
  expect(again).toMatchObject({ version: "v0", created: false, digest: logged.digest });

  const file = await request.get("/api/v1/projects/e2e/cli/artifacts/pets/versions/best/files/images/cat.png");
  expect(await file.text()).toBe("not really a png");

  const out = path.join(dir, "download");
  arca(baseURL!, ["download", "pets:best", "--root", out]);
  expect(fs.readFileSync(path.join(out, "labels.csv"), "utf8")).toBe("id,label\n1,cat\n");

  await page.goto("/");
  await page.getByRole("link", { name: /e2e \/ cli/ }).click();
  await page.getByRole("link", { name: "pets", exact: true }).click();
  await expect(page.getByRole("row", { name: "pets:v0" })).toContainText("best");
  fs.rmSync(dir, { recursive: true, force: true });
});

test("the CLI reports a refusal on stderr with a non-zero exit", ({ baseURL }) => {
  let failure: { status: number; stderr: string } | null = null;
  try {
    arca(baseURL!, ["delete", "e2e/cli/pets:v0"]);
  } catch (error) {
    failure = error as { status: number; stderr: string };
  }
  expect(failure?.status).not.toBe(0);
  expect(failure?.stderr).toMatch(/still has aliases/);
});
