// s3rver ships no types; this is the part of its API the tests use.
declare module "s3rver" {
  import type { AddressInfo } from "node:net";
  import type { IncomingMessage, ServerResponse } from "node:http";

  interface S3rverOptions {
    port?: number;
    address?: string;
    directory: string;
    silent?: boolean;
    configureBuckets?: { name: string }[];
  }

  /** A Koa application: `middleware` is Koa's list, composed when the server starts. */
  export default class S3rver {
    constructor(options: S3rverOptions);
    middleware: ((ctx: S3rverContext, next: () => Promise<void>) => Promise<void> | void)[];
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }

  export interface S3rverContext {
    method: string;
    path: string;
    query: Record<string, string | string[] | undefined>;
    status: number;
    type: string;
    body: unknown;
    req: IncomingMessage;
    res: ServerResponse;
    headers: Record<string, string | string[] | undefined>;
    set(name: string, value: string): void;
    /** s3rver's filesystem store. */
    store: {
      getObject(bucket: string, key: string, range?: { start: number; end: number }): Promise<{ content: NodeJS.ReadableStream } | null>;
      putPart(bucket: string, uploadId: string, partNumber: number, content: NodeJS.ReadableStream): Promise<{ md5: string }>;
    };
  }
}
