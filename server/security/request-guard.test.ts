import { describe, expect, it } from "vitest";
import { buildApiSecurityHeaders, buildCsp, buildSecurityHeaders, isApiPath, checkCsrf, checkHost, checkListenHost, parseAllowedHosts, refusalBody, type CsrfInput } from "./request-guard";

describe("checkHost", () => {
  const none = parseAllowedHosts(undefined);

  it("allows the loopback names on any port by default", () => {
    for (const host of ["127.0.0.1", "127.0.0.1:3000", "localhost:8080", "LOCALHOST", "[::1]", "[::1]:3000"]) expect(checkHost(host, none), host).toBeNull();
  });

  it("refuses any other name with 421 naming the setting (DNS rebinding)", () => {
    for (const host of ["evil.example", "evil.example:3000", "127.0.0.1.evil.example", "10.0.0.5:3000", "localhost.evil.example"]) {
      const refusal = checkHost(host, none);
      expect(refusal?.status, host).toBe(421);
      expect(refusal?.message).toContain("ARCA_ALLOWED_HOSTS");
    }
  });

  it("refuses a request without a Host header or with a malformed one", () => {
    expect(checkHost(undefined, none)?.status).toBe(421);
    expect(checkHost("", none)?.status).toBe(421);
    expect(checkHost("a b", none)?.status).toBe(421);
    expect(checkHost("127.0.0.1:3000:1", none)?.status).toBe(421);
  });

  it("allows ARCA_ALLOWED_HOSTS names: a bare name on any port, host:port on that port only", () => {
    const allowed = parseAllowedHosts(" arca.example.com , Arca.Internal:8443,[fd00::1]");
    expect(checkHost("arca.example.com", allowed)).toBeNull();
    expect(checkHost("ARCA.example.com:443", allowed)).toBeNull();
    expect(checkHost("arca.internal:8443", allowed)).toBeNull();
    expect(checkHost("arca.internal:8444", allowed)?.status).toBe(421);
    expect(checkHost("arca.internal", allowed)?.status).toBe(421);
    expect(checkHost("[fd00::1]:3000", allowed)).toBeNull();
    expect(checkHost("evil.example", allowed)?.status).toBe(421);
  });

  it("rejects a setting entry that is not a host name", () => {
    expect(() => parseAllowedHosts("arca.example.com,https://arca.example.com")).toThrow(/ARCA_ALLOWED_HOSTS/);
  });
});

describe("checkCsrf", () => {
  const base: CsrfInput = {
    method: "POST",
    path: "/api/v1/projects/e/p/artifacts/a/cleanup",
    host: "127.0.0.1:3000",
    origin: undefined,
    secFetchSite: undefined,
    contentType: "application/json",
    authorization: undefined,
  };

  it("allows same-origin JSON posts and non-browser JSON posts", () => {
    expect(checkCsrf({ ...base, origin: "http://127.0.0.1:3000", secFetchSite: "same-origin" })).toBeNull();
    expect(checkCsrf({ ...base, contentType: "Application/JSON; charset=utf-8" })).toBeNull();
    expect(checkCsrf({ ...base, secFetchSite: "none" })).toBeNull();
  });

  it("refuses a cross-site or same-site browser request without Authorization (403, API error shape)", () => {
    for (const site of ["cross-site", "same-site"]) {
      const refusal = checkCsrf({ ...base, secFetchSite: site });
      expect(refusal?.status, site).toBe(403);
      expect(refusal?.code).toBe("FORBIDDEN");
      expect(refusal?.message).toMatch(/^cross-site request refused: /);
    }
  });

  it("refuses an Origin that is not the request's Host, including the opaque `null`", () => {
    for (const origin of ["http://evil.example", "http://127.0.0.1:3001", "null", "https://127.0.0.1:3000x", "file://"]) {
      expect(checkCsrf({ ...base, origin })?.status, origin).toBe(403);
    }
    expect(checkCsrf({ ...base, origin: "https://arca.example.com", host: "arca.example.com" })).toBeNull();
    expect(checkCsrf({ ...base, origin: "https://arca.example.com", host: "arca.example.com:443" })).toBeNull();
    expect(checkCsrf({ ...base, origin: "http://127.0.0.1:3000", host: undefined })?.status).toBe(403);
  });

  it("applies to every unsafe method and every path, and never to GET/HEAD/OPTIONS", () => {
    for (const method of ["PUT", "PATCH", "DELETE", "post"]) expect(checkCsrf({ ...base, method, secFetchSite: "cross-site" })?.status, method).toBe(403);
    expect(checkCsrf({ ...base, path: "/%61pi/trpc/cleanup.collectGarbage", secFetchSite: "cross-site" })?.status).toBe(403);
    for (const method of ["GET", "HEAD", "OPTIONS"]) expect(checkCsrf({ ...base, method, secFetchSite: "cross-site", origin: "null", contentType: "text/plain" }), method).toBeNull();
  });

  it("lets a request with an Authorization header come from anywhere (a page cannot add one without a preflight)", () => {
    expect(checkCsrf({ ...base, authorization: "Bearer k", secFetchSite: "cross-site", origin: "http://evil.example" })).toBeNull();
  });

  it("refuses POST bodies that a page can send without a preflight (415), even with Authorization", () => {
    for (const contentType of ["text/plain", "text/plain;charset=UTF-8", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", undefined, "application/jsonx", "application/json-patch+json"]) {
      for (const authorization of [undefined, "Basic YXBpOms="]) {
        const refusal = checkCsrf({ ...base, contentType, authorization });
        expect(refusal?.status, `${contentType} ${authorization}`).toBe(415);
        expect(refusal?.message).toContain("Content-Type: application/json");
      }
    }
  });

  it("takes application/octet-stream only on /api/v1/blobs/*", () => {
    expect(checkCsrf({ ...base, path: "/api/v1/blobs/batch", contentType: "application/octet-stream" })).toBeNull();
    expect(checkCsrf({ ...base, contentType: "application/octet-stream" })?.status).toBe(415);
    // PUT bodies need no JSON: a page cannot send a PUT cross-origin without a preflight.
    expect(checkCsrf({ ...base, method: "PUT", path: "/api/v1/blobs/abc", contentType: "application/octet-stream" })).toBeNull();
  });
});

describe("checkListenHost", () => {
  it("refuses a non-loopback HOST unless accounts are on", () => {
    expect(checkListenHost({})).toBeNull();
    for (const HOST of ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"]) expect(checkListenHost({ HOST }), HOST).toBeNull();
    for (const HOST of ["0.0.0.0", "::", "10.0.0.5", "arca.example.com"]) expect(checkListenHost({ HOST }), HOST).toMatch(/ARCA_AUTH=1/);
    expect(checkListenHost({ HOST: "0.0.0.0", ARCA_AUTH: "1" })).toBeNull();
    expect(checkListenHost({ HOST: "0.0.0.0", ARCA_API_KEY: "k" })).toBeNull();
    expect(checkListenHost({ HOST: "0.0.0.0", ARCA_AUTH: "0" })).toMatch(/ARCA_AUTH=1/);
  });
});

describe("security headers", () => {
  it("builds a nonce CSP that keeps scripts to this origin and forbids framing", () => {
    const csp = buildCsp("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    for (const directive of ["frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'", "form-action 'self'", "connect-src 'self'", "worker-src 'self' blob:", "img-src 'self' data: blob:"]) expect(csp).toContain(directive);
    expect(csp).not.toContain("unsafe-eval");
  });

  it("adds HSTS only over HTTPS", () => {
    expect(buildSecurityHeaders("n", false)).not.toHaveProperty("strict-transport-security");
    expect(buildSecurityHeaders("n", true)["strict-transport-security"]).toMatch(/^max-age=\d+/);
    expect(buildSecurityHeaders("n", false)).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "strict-origin-when-cross-origin" });
  });

  it("gives API answers a fixed CSP that allows nothing, with the same other headers", () => {
    const api = buildApiSecurityHeaders(true);
    expect(api["content-security-policy"]).toMatch(/^default-src 'none'/);
    expect(api["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(api["content-security-policy"]).not.toContain("nonce");
    expect(api).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "DENY", "strict-transport-security": expect.any(String) });
    for (const path of ["/api/v1/projects", "/api/trpc/projects.list", "/api/auth/session", "/graphql", "/files/e/p/r/file_stream"]) expect(isApiPath(path), path).toBe(true);
    for (const path of ["/", "/e/p", "/icon.svg", "/_next/static/x.js", "/graphql-notes", "/apis"]) expect(isApiPath(path), path).toBe(false);
  });

  it("answers refusals in the API error shape, and 421 as plain text", () => {
    const forbidden = checkCsrf({ method: "POST", path: "/api/x", host: "h", origin: "null", secFetchSite: undefined, contentType: "application/json", authorization: undefined });
    expect(forbidden).not.toBeNull();
    const body = refusalBody(forbidden!);
    expect(JSON.parse(body.body)).toEqual({ error: { code: "FORBIDDEN", message: expect.stringMatching(/^cross-site request refused/) } });
    expect(refusalBody(checkHost("evil.example", [])!).contentType).toMatch(/^text\/plain/);
  });
});
