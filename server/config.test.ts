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

  it("keeps blobs in the data dir unless ARCA_STORAGE names an S3 bucket", () => {
    expect(readConfig({}).storage).toEqual({ kind: "local" });
    expect(readConfig({ ARCA_STORAGE: "" }).storage).toEqual({ kind: "local" });
    expect(readConfig({ ARCA_STORAGE: "s3://arca-blobs" }).storage).toEqual({
      kind: "s3",
      bucket: "arca-blobs",
      prefix: "",
      endpoint: undefined,
      region: "us-east-1",
      forcePathStyle: false,
      direct: false,
      publicEndpoint: undefined,
    });
    expect(
      readConfig({
        ARCA_STORAGE: "s3://ml.artifacts/arca/prod/",
        AWS_ENDPOINT_URL: "http://minio.lan:9000",
        AWS_REGION: "eu-west-1",
        ARCA_S3_FORCE_PATH_STYLE: "1",
      }).storage,
    ).toEqual({ kind: "s3", bucket: "ml.artifacts", prefix: "arca/prod/", endpoint: "http://minio.lan:9000", region: "eu-west-1", forcePathStyle: true, direct: false, publicEndpoint: undefined });
    expect(
      readConfig({ ARCA_STORAGE: "s3://arca-blobs", ARCA_S3_DIRECT: "1", AWS_ENDPOINT_URL: "http://minio:9000", ARCA_S3_PUBLIC_ENDPOINT: "https://s3.example.com" }).storage,
    ).toMatchObject({ direct: true, endpoint: "http://minio:9000", publicEndpoint: "https://s3.example.com" });
  });

  it("refuses direct transfers without S3 or with Arca's own encryption, saying what to do instead", () => {
    expect(() => readConfig({ ARCA_S3_DIRECT: "1" })).toThrow(/ARCA_S3_DIRECT=1 needs blobs on S3: set ARCA_STORAGE=s3:\/\//);
    expect(() => readConfig({ ARCA_STORAGE: "s3://bucket", ARCA_S3_DIRECT: "1", ARCA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64") })).toThrow(
      /cannot be combined.*server-side encryption/,
    );
    expect(() => readConfig({ ARCA_STORAGE: "s3://bucket", ARCA_S3_DIRECT: "1", ARCA_S3_PUBLIC_ENDPOINT: "s3.example.com" })).toThrow(/ARCA_S3_PUBLIC_ENDPOINT="s3.example.com" is not an http\(s\) URL/);
  });

  it("refuses an ARCA_STORAGE it cannot use, saying what to set", () => {
    expect(() => readConfig({ ARCA_STORAGE: "/srv/blobs" })).toThrow(/not a storage location: set s3:\/\/BUCKET/);
    expect(() => readConfig({ ARCA_STORAGE: "gs://bucket" })).toThrow(/not a storage location/);
    expect(() => readConfig({ ARCA_STORAGE: "s3://" })).toThrow(/not a valid S3 bucket name/);
    expect(() => readConfig({ ARCA_STORAGE: "s3://My_Bucket/x" })).toThrow(/not a valid S3 bucket name/);
    expect(() => readConfig({ ARCA_STORAGE: "s3://bucket/a/../b" })).toThrow(/"\." or "\.\." segments/);
    expect(() => readConfig({ ARCA_STORAGE: "s3://bucket", AWS_ENDPOINT_URL: "minio:9000 " })).toThrow(/AWS_ENDPOINT_URL="minio:9000" is not an http\(s\) URL/);
    expect(() => readConfig({ ARCA_STORAGE: "s3://bucket" })).not.toThrow();
  });
});
