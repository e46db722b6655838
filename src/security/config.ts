/**
 * The defaults of everything that keeps the API safe to expose (client limits, GraphQL document
 * limits, HTTP limits), also listed in the README's "Reliability and limits" section. The app's
 * `SecurityConfig` (src/app.ts) brings them together with client auth.
 */

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
