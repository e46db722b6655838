/**
 * The abuse limits of the GraphQL endpoint, as yoga/envelop plugins. They apply to every
 * transport (HTTP, SSE and WebSocket all go through yoga's envelop):
 *
 * - graphql-armor: depth, aliases, tokens and directives (its own cost limit is off: ./cost.ts
 *   prices fields that call Halo instead);
 * - the cost limit (./cost.ts);
 * - introspection, switchable off (`INTROSPECTION=false`); field suggestions ("Did you mean …")
 *   and the allowed values of an enum in its errors are hidden with it, since they reveal the schema too;
 * - error hygiene (./error-hygiene.ts): no client value is quoted back in an error.
 *
 * HTTP-only limits (method, CSRF, body size, CORS) are in ./http-gate.ts.
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { NoSchemaIntrospectionCustomRule, type GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { SECURITY_DEFAULTS } from './config.js';
import { costLimitRule, type CostOptions } from './cost.js';
import { useErrorHygiene } from './error-hygiene.js';

/** Limits on GraphQL documents. Every field has a default. */
export interface GraphQLLimits {
  /** Deepest selection nesting. @default 12 */
  maxDepth?: number;
  /** Aliases per operation. @default 30 */
  maxAliases?: number;
  /** Lexical tokens per document. @default 5000 */
  maxTokens?: number;
  /** Directives per operation. @default 20 */
  maxDirectives?: number;
  /** The cost limit and prices (see ./cost.ts). @default maxCost 10000 */
  cost?: CostOptions;
  /** Answer introspection queries (and suggest field names in errors). @default true */
  introspection?: boolean;
}

/** The document limits' defaults (all defaults are in ./config.ts). */
const DEFAULT_GRAPHQL_LIMITS = SECURITY_DEFAULTS;

/** The plugins enforcing `limits`, in the order they must run. */
export function graphqlLimitPlugins(limits: GraphQLLimits = {}): Plugin[] {
  const introspection = limits.introspection ?? true;
  // Report a rejection as an ordinary validation error (400, GRAPHQL_VALIDATION_FAILED) instead of
  // armor's default of throwing it out of validation (which yoga answers as an unexpected error).
  const withCode = {
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  };
  return [
    EnvelopArmorPlugin({
      maxDepth: {
        enabled: true,
        n: limits.maxDepth ?? DEFAULT_GRAPHQL_LIMITS.maxDepth,
        ignoreIntrospection: true,
        flattenFragments: true,
        ...withCode,
      },
      maxAliases: { enabled: true, n: limits.maxAliases ?? DEFAULT_GRAPHQL_LIMITS.maxAliases, ...withCode },
      // Tokens are counted while parsing: the rejection is a parse error (400, GRAPHQL_PARSE_FAILED).
      maxTokens: { enabled: true, n: limits.maxTokens ?? DEFAULT_GRAPHQL_LIMITS.maxTokens, exposeLimits: true },
      maxDirectives: { enabled: true, n: limits.maxDirectives ?? DEFAULT_GRAPHQL_LIMITS.maxDirectives, ...withCode },
      costLimit: { enabled: false },
      blockFieldSuggestion: { enabled: !introspection },
    }) as Plugin,
    {
      onValidate({ addValidationRule }) {
        addValidationRule(costLimitRule(limits.cost));
        if (!introspection) addValidationRule(NoSchemaIntrospectionCustomRule);
      },
    },
    useErrorHygiene({ suggestions: introspection }),
  ];
}
