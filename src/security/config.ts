/**
 * Everything that keeps the API safe to expose, as one part of the app's configuration: client
 * auth, per-client rate limits, GraphQL document limits, HTTP limits. Defaults are in
 * `SECURITY_DEFAULTS` (and the README's "Reliability and limits" section).
 */
import type { ClientAuthConfig } from '../auth/authenticate.js';
import type { GraphQLLimits } from './limits.js';
import type { RateLimitOptions } from './rate-limit.js';

export interface SecurityConfig {
  /** API keys and/or JWT. Neither: open mode (development with the embedded simulator only). */
  auth?: ClientAuthConfig;
  /** Per-client token bucket. @default off in open mode; 50/s with a burst of 100 from `readAppConfig` */
  rateLimit?: RateLimitOptions;
  /** Depth, aliases, tokens, directives, cost and introspection. */
  limits?: GraphQLLimits;
  /** Largest HTTP request body. @default 2 MiB */
  maxBodyBytes?: number;
  /** Origins allowed to call from a browser on another origin (CORS). @default none */
  corsOrigins?: readonly string[];
}

/** The defaults, in one place. */
export const SECURITY_DEFAULTS = Object.freeze({
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 5_000,
  maxDirectives: 20,
  maxCost: 10_000,
  maxBodyBytes: 2 * 1024 * 1024,
  ratePerSecond: 50,
  rateBurst: 100,
  wsMaxPayloadBytes: 2 * 1024 * 1024,
  wsMaxSubscriptions: 100,
  sqlMaxLength: 65_536,
});
