/**
 * OpenTelemetry tracing is optional and, in this build, not available: exporting spans needs the
 * OpenTelemetry SDK (`@opentelemetry/sdk-node` or `sdk-trace-node`, an OTLP exporter and the
 * yoga/undici instrumentations), none of which is a dependency. Only `@opentelemetry/api` is
 * present, as prom-client's dependency, and without an SDK its tracer records nothing.
 */

/** The line to log at start when OTEL_EXPORTER_OTLP_ENDPOINT is set; undefined when it is not. */
export function tracingNotice(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined) return undefined;
  return 'OTEL_EXPORTER_OTLP_ENDPOINT is set, but tracing needs the OpenTelemetry SDK packages, which are not installed: no traces are exported (metrics are on /metrics).';
}
