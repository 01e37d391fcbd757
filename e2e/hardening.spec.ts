import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { listVersions, logVersion, putFile } from "./api-seed";
import { expect, test } from "./fixtures";
import { routes } from "../lib/routes";

// Web hardening (docs/security.md): Host allow-list, CSRF rule, security headers, TLS, and the start-up refusal.

const p = { entity: "e2e", project: "hardening" };

/** Answers one request with node:http, so that the Host header can be anything. */
function rawRequest(url: string, headers: Record<string, string>, method = "GET"): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

test("every answer carries the security headers; a download keeps its stricter sandbox CSP", async ({ page, request }) => {
  const file = await putFile(request, "notes.txt", "hello");
  await logVersion(request, p, "headers", { type: "dataset", entries: [file] });

  const pageResponse = await page.goto(routes.collection(p, "headers"));
  const csp = pageResponse!.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  // Next's scripts and the layout's theme script carry this response's nonce (the browser hides the attribute from the DOM).
  const html = await (await request.get(routes.collection(p, "headers"))).text();
  expect(html).toMatch(/<script nonce="[^"]+">try\{var t=localStorage/);
  expect([...html.matchAll(/<script\b[^>]*>/g)].filter((m) => !m[0].includes("nonce="))).toEqual([]);
  const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(script).toBeTruthy();

  for (const url of [routes.collection(p, "headers"), "/api/v1/projects", "/api/trpc/projects.list", script!, "/icon.svg"]) {
    const headers = (await request.get(url)).headers();
    // The API answers no HTML: its CSP allows nothing and needs no nonce.
    const api = url.startsWith("/api/");
    expect(headers["content-security-policy"], url).toMatch(api ? /^default-src 'none'.*frame-ancestors 'none'/ : /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(headers, url).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "strict-origin-when-cross-origin" });
    expect(headers["strict-transport-security"], url).toBeUndefined(); // plain http
  }
  const inline = await request.get(`/api/v1/projects/${p.entity}/${p.project}/artifacts/headers/versions/v0/files/notes.txt?inline=1`);
  expect(inline.headers()["content-security-policy"]).toMatch(/^sandbox; default-src 'none'/);
});

test("a foreign Host gets 421 naming the setting (DNS rebinding)", async ({ baseURL }) => {
  const evil = await rawRequest(`${baseURL}/api/v1/projects`, { host: "evil.example" });
  expect(evil.status).toBe(421);
  expect(evil.headers["content-type"]).toMatch(/^text\/plain/);
  expect(evil.body).toContain("ARCA_ALLOWED_HOSTS");
  const page = await rawRequest(`${baseURL}/`, { host: "evil.example:3000" });
  expect(page.status).toBe(421);
  expect((await rawRequest(`${baseURL}/api/v1/projects`, { host: `localhost:${new URL(baseURL!).port}` })).status).toBe(200);
});

test.describe("cross-site requests", () => {
  let attacker: http.Server;
  let attackerOrigin: string;

  test.beforeAll(async ({ baseURL }) => {
    // A page on another site (localhost vs 127.0.0.1) that tries the two known CSRF paths, as any web page could:
    // a text/plain JSON body to the HTTP API's cleanup, and a multipart form to tRPC's garbage collection.
    const target = `${baseURL}`;
    const cleanup = `${target}/api/v1/projects/${p.entity}/${p.project}/artifacts/victim/cleanup`;
    const pages: Record<string, string> = {
      "/fetch": `<script>
        fetch(${JSON.stringify(cleanup)}, { method: "POST", mode: "no-cors", body: JSON.stringify({ keepNewest: 0, dryRun: false }) });
        fetch(${JSON.stringify(`${target}/api/trpc/cleanup.collectGarbage`)}, { method: "POST", mode: "no-cors", body: new FormData() });
      </script>`,
      "/form": `<form method="POST" enctype="text/plain" action=${JSON.stringify(cleanup)}>
        <input type="hidden" name='{"keepNewest":0,"dryRun":false,"x":"' value='"}'></form>
        <script>document.forms[0].submit()</script>`,
    };
    attacker = http.createServer((req, res) => res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><title>x</title>${pages[req.url ?? ""] ?? ""}`));
    await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
    attackerOrigin = `http://localhost:${(attacker.address() as AddressInfo).port}`;
  });

  test.afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

  test("are refused (403) and delete nothing", async ({ context, request }) => {
    const file = await putFile(request, "w.bin", "weights");
    for (let i = 0; i < 3; i++) await logVersion(request, p, "victim", { type: "model", entries: [{ ...file, path: `w${i}.bin` }] });

    const evil = await context.newPage(); // not the fixture's page: its console errors are the refusals we provoke
    const cleanupAnswer = evil.waitForResponse((r) => r.url().endsWith("/artifacts/victim/cleanup"));
    const gcAnswer = evil.waitForResponse((r) => r.url().includes("/api/trpc/cleanup.collectGarbage"));
    await evil.goto(`${attackerOrigin}/fetch`);
    expect((await cleanupAnswer).status()).toBe(403);
    expect((await gcAnswer).status()).toBe(403);

    const formAnswer = evil.waitForResponse((r) => r.url().endsWith("/artifacts/victim/cleanup"));
    await evil.goto(`${attackerOrigin}/form`);
    const refused = await formAnswer;
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: "FORBIDDEN", message: expect.stringMatching(/^cross-site request refused: /) } });
    await evil.close();

    const { versions } = await listVersions(request, p, "victim");
    expect(versions.map((v) => v.version).sort()).toEqual(["v0", "v1", "v2"]);
  });

  test("a same-origin JSON post from Arca's own page still works", async ({ page }) => {
    await page.goto("/");
    const status = await page.evaluate(async () => (await fetch("/api/v1/gc", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ dryRun: true }) })).status);
    expect(status).toBe(200);
  });
});

test("ARCA_TLS_CERT/ARCA_TLS_KEY: the server serves HTTPS with HSTS", async () => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arca-e2e-tls-"));
  const cert = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert], { stdio: "ignore" });
  const port = await freePort();
  // scripts/server.mjs is what `npm start` runs once the build is there (and never rebuilds in the middle of the suite).
  const server = spawn(process.execPath, ["scripts/server.mjs"], {
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), ARCA_DATA_DIR: path.join(dir, "data"), ARCA_DEMO: "0", ARCA_TLS_CERT: cert, ARCA_TLS_KEY: key },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => server.on("exit", () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "ready" within 90 s:\n${output}`)), 90_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString("utf8");
        if (output.includes("[arca] ready on https://")) {
          clearTimeout(timer);
          resolve();
        }
      };
      server.stdout.on("data", onData);
      server.stderr.on("data", onData);
      server.on("exit", (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
    const answer = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      https
        .get(`https://127.0.0.1:${port}/api/v1/projects`, { ca: fs.readFileSync(cert) }, (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        })
        .on("error", reject);
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ projects: [] });
    expect(answer.headers["strict-transport-security"]).toMatch(/^max-age=\d+/);
  } finally {
    server.kill("SIGTERM");
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("npm start refuses a non-loopback HOST without accounts, before building or listening", async () => {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: "0.0.0.0", PORT: String(port), ARCA_DATA_DIR: path.join(os.tmpdir(), "arca-e2e-never") };
  delete env.ARCA_AUTH;
  delete env.ARCA_API_KEY;
  // Both doors: `npm start` (checks before building) and the server script it runs.
  for (const script of ["scripts/start.mjs", "scripts/server.mjs"]) {
    const child = spawn(process.execPath, [script], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code, script).toBe(1);
    expect(stderr, script).toContain("refusing to serve on HOST=0.0.0.0");
    expect(stderr, script).toContain("ARCA_AUTH=1");
    expect(stdout, script).not.toContain("building");
    expect(stdout, script).not.toContain("[arca] data:"); // start.mjs prints it after the build
    expect(stdout, script).not.toContain("ready");
  }
});
