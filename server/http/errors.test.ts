import { describe, expect, it, vi } from "vitest";
import { DigestMismatchError } from "../errors";
import { errorResponse } from "./errors";

const systemError = (code: string, syscall: string) => Object.assign(new Error(`${code}: simulated, ${syscall}`), { code, syscall, errno: -1 });

async function answer(error: unknown) {
  const res = errorResponse(error);
  return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
}

describe("HTTP error adapter", () => {
  it("maps a domain error thrown by another copy of the module (another Next bundle)", async () => {
    vi.resetModules();
    const other = await import("../errors");
    const error = new other.DigestMismatchError("the bytes do not match");
    expect(error instanceof DigestMismatchError).toBe(false);
    expect(await answer(error)).toEqual({ status: 422, body: { error: { code: "DIGEST_MISMATCH", message: "the bytes do not match" } } });
  });

  it("maps a zod error from another copy of zod to 400 with its issues", async () => {
    const error = Object.assign(new Error("[]"), { name: "ZodError", issues: [{ path: ["metadata", "x"], message: "expected number" }] });
    expect(await answer(error)).toEqual({ status: 400, body: { error: { code: "VALIDATION", message: "invalid request: metadata.x: expected number" } } });
  });

  it("says the disk is full (507) for ENOSPC and SQLITE_FULL, also when wrapped", async () => {
    const full = { status: 507, body: { error: { code: "INSUFFICIENT_STORAGE", message: "the server's disk is full: free space in the data directory and retry" } } };
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await answer(systemError("ENOSPC", "write"))).toEqual(full);
    expect(await answer(Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" }))).toEqual(full);
    expect(await answer(new Error("stream failed", { cause: systemError("ENOSPC", "writev") }))).toEqual(full);
  });

  it("says the data directory is read-only (503) for EROFS, SQLITE_READONLY and EACCES on a write", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    for (const error of [
      systemError("EROFS", "open"),
      Object.assign(new Error("attempt to write a readonly database"), { code: "SQLITE_READONLY" }),
      systemError("EACCES", "rename"),
    ]) {
      const { status, body } = await answer(error);
      expect(status).toBe(503);
      expect(body.error).toMatchObject({ code: "READ_ONLY_STORAGE", message: expect.stringMatching(/data directory is read-only/) as unknown });
    }
  });

  it("hides anything else behind 'internal error'", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await answer(new TypeError("Cannot read properties of null (reading 'state')"))).toEqual({
      status: 500,
      body: { error: { code: "INTERNAL", message: "internal error: the server logged the details" } },
    });
    expect(log).toHaveBeenCalled();
  });
});
