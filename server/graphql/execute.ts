import {
  buildSchema,
  execute,
  GraphQLError,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";
import { asDomainError, describeZodIssues, HTTP_STATUS, isZodError, ValidationError, type ErrorCode } from "../errors";
import type { GqlContext } from "./context";
import { mutationResolvers, queryResolvers } from "./resolvers";
import { WANDB_SDL } from "./wandb-schema";

/**
 * The W&B-compatible GraphQL endpoint (`POST /graphql`, docs/wandb.md), served by graphql-js.
 * Custom scalars (JSONString, Int64, DateTime) pass values through: the client sends and reads
 * JSON strings, numbers and ISO dates, which need no conversion.
 */
let schema: GraphQLSchema | undefined;
const rootValue = { ...queryResolvers, ...mutationResolvers };

export interface GraphQLBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

interface GraphQLAnswer {
  data?: unknown;
  errors?: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * The HTTP status of an answer: W&B's client shows the messages of a failed request only when its
 * status says it failed, and does not retry 400, 401, 403, 404, 409 or 422. So an operation that
 * failed with a domain error answers that error's status; a partial success stays 200.
 */
export function statusOf(answer: GraphQLAnswer): number {
  const code = answer.errors?.[0]?.extensions?.code;
  if (answer.data && Object.values(answer.data).some((v) => v !== null)) return 200;
  if (code === "UNSUPPORTED_OPERATION") return 400;
  return typeof code === "string" && code in HTTP_STATUS ? HTTP_STATUS[code as ErrorCode] : 200;
}

export async function executeGraphQL(g: GqlContext, body: GraphQLBody): Promise<GraphQLAnswer> {
  schema ??= buildSchema(WANDB_SDL);
  if (typeof body.query !== "string") throw new ValidationError('a GraphQL request is a JSON object with a "query" string');
  const operationName = typeof body.operationName === "string" && body.operationName !== "" ? body.operationName : undefined;
  const variables = body.variables && typeof body.variables === "object" ? (body.variables as Record<string, unknown>) : undefined;
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    return { errors: [{ message: `the GraphQL query does not parse: ${(error as Error).message}` }] };
  }
  const name = operationName ?? operationNameOf(document) ?? "(anonymous)";
  const problems = validate(schema, document, [...specifiedRules, maxDepthRule]);
  if (problems.length > 0) {
    return {
      errors: problems.map((p) => ({
        message: `Arca does not support the W&B operation ${name} (${p.message}); docs/wandb.md lists what works`,
        extensions: { code: "UNSUPPORTED_OPERATION", operation: name },
      })),
    };
  }
  const result = await execute({ schema, document, rootValue, contextValue: g, variableValues: variables, operationName });
  return { data: result.data, ...(result.errors ? { errors: result.errors.map(describeError) } : {}) };
}

/**
 * The client's deepest operation nests 8 fields; a query nesting objects far deeper (artifact →
 * sequence → latest artifact → sequence → …) would only make the server work, so it is refused.
 */
const MAX_DEPTH = 16;

function maxDepthRule(context: ValidationContext) {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
    let deepest = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, seen) : 1);
      else if (selection.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
      else if (!seen.has(selection.name.value)) deepest = Math.max(deepest, depthOf(fragments.get(selection.name.value)?.selectionSet, new Set([...seen, selection.name.value])));
    }
    return deepest;
  };
  return {
    OperationDefinition(node: { selectionSet: SelectionSetNode }) {
      if (depthOf(node.selectionSet, new Set()) > MAX_DEPTH) context.reportError(new GraphQLError(`the query nests fields deeper than ${MAX_DEPTH} levels`));
    },
  };
}

function operationNameOf(document: DocumentNode): string | undefined {
  for (const d of document.definitions) if (d.kind === Kind.OPERATION_DEFINITION && d.name) return d.name.value;
  return undefined;
}

/** A domain error keeps its message and code; anything unexpected is logged and not shown. */
function describeError(error: GraphQLError): NonNullable<GraphQLAnswer["errors"]>[number] {
  const path = error.path;
  // Variable coercion (a field the schema lacks, a wrong type) arrives as a GraphQLError inside.
  if (!error.originalError || error.originalError instanceof GraphQLError) return { message: error.message, path, extensions: { code: "VALIDATION" } };
  const domain = asDomainError(error.originalError);
  if (domain) return { message: domain.message, path, extensions: { code: domain.code } };
  if (isZodError(error.originalError)) return { message: `invalid input: ${describeZodIssues(error.originalError, "input")}`, path, extensions: { code: "VALIDATION" } };
  console.error("[arca] graphql resolver failed", error.originalError);
  return { message: "internal error: the server logged the details", path, extensions: { code: "INTERNAL" } };
}
