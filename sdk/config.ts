import { userInfo } from "node:os";
import { checkNamespacePart } from "../lib/names";
import { ensureValid } from "./errors";

/** Where to find Arca and which namespace to use when a reference leaves it out. */
export interface ClientOptions {
  baseUrl?: string;
  apiKey?: string;
  entity?: string;
  project?: string;
}

export interface Settings {
  /** Server root, e.g. http://127.0.0.1:3000 (the SDK adds /api/v1). */
  baseUrl: string;
  apiKey: string | undefined;
  entity: string;
  project: string;
  /** Sent as X-Arca-Actor so edits are recorded with a name. */
  actor: string;
}

export const DEFAULT_BASE_URL = "http://127.0.0.1:3000";
export const DEFAULT_PROJECT = "uncategorized";
export const FALLBACK_ENTITY = "local";

/** Replaces every character outside the name set with '-' and trims to 128 characters; "" when nothing is left. */
export function toValidName(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 128);
}

/** Like W&B, the default entity is the local user name (made valid), or "local" when there is none. */
export function defaultEntity(): string {
  try {
    return toValidName(userInfo().username) || FALLBACK_ENTITY;
  } catch {
    return FALLBACK_ENTITY;
  }
}

/** Explicit options win, then ARCA_* environment variables, then the defaults above. */
export function resolveSettings(options: ClientOptions = {}, env: Record<string, string | undefined> = process.env): Settings {
  const raw = options.baseUrl ?? env.ARCA_BASE_URL ?? DEFAULT_BASE_URL;
  // Accept the API root too, so that both http://host:3000 and http://host:3000/api/v1 work.
  const baseUrl = raw.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
  const entity = options.entity ?? nonEmpty(env.ARCA_ENTITY) ?? defaultEntity();
  const project = options.project ?? nonEmpty(env.ARCA_PROJECT) ?? DEFAULT_PROJECT;
  ensureValid(checkNamespacePart("entity", entity));
  ensureValid(checkNamespacePart("project", project));
  const apiKey = options.apiKey ?? nonEmpty(env.ARCA_API_KEY);
  // Header values must be printable ASCII.
  const actor = (nonEmpty(env.ARCA_ACTOR) ?? entity).replace(/[^\x20-\x7e]/g, "?");
  return { baseUrl, apiKey, entity, project, actor };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

let activeSettings: Settings | undefined;

/** Set by init(): an Artifact saved without a run goes where the last run went, like wandb's global run. */
export function setActiveSettings(settings: Settings): void {
  activeSettings = settings;
}

export function getActiveSettings(): Settings | undefined {
  return activeSettings;
}
