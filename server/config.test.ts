import { describe, expect, it } from "vitest";
import { readConfig as readConfigFrom } from "./config";

const readConfig = (vars: Record<string, string>) => readConfigFrom(vars as NodeJS.ProcessEnv);

describe("readConfig", () => {
  it("asks for Secure cookies when people reach Arca over HTTPS, directly or through a proxy", () => {
    expect(readConfig({}).secureCookies).toBe(false);
    expect(readConfig({ ARCA_PUBLIC_URL: "http://arca.lan:3000" }).secureCookies).toBe(false);
    expect(readConfig({ ARCA_TLS_CERT: "/etc/arca/cert.pem" }).secureCookies).toBe(true);
    expect(readConfig({ ARCA_PUBLIC_URL: "https://arca.example.com" })).toMatchObject({ secureCookies: true, publicUrl: "https://arca.example.com" });
  });
});
