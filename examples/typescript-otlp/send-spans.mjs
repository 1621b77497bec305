// Sends GenAI spans to Tokenmeter with OpenTelemetry's own OTLP/HTTP exporter: the only Tokenmeter
// part is the exporter's configuration, read from the standard environment variables:
//
//   OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://localhost:8081/v1/traces
//   OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20<ingest key>
//
// The spans are the fixtures of ingest-service/src/test/resources/otlp/genai-spans.json (shaped like
// the published GenAI instrumentations' spans), started five minutes ago. Prints one line per span,
// "<trace id><span id> <case name>", so a test can find them; exits 1 when an export failed.
import { readFileSync } from 'node:fs'
import { SpanKind, SpanStatusCode } from '@opentelemetry/api'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'

const fixtures = JSON.parse(readFileSync(
  process.argv[2] ?? new URL('../../ingest-service/src/test/resources/otlp/genai-spans.json', import.meta.url), 'utf8'))

let failures = 0
const exporter = new OTLPTraceExporter()
const counting = {
  export (spans, done) {
    exporter.export(spans, (result) => {
      if (result.code !== 0) {
        failures++
        console.error('export failed:', result.error?.message)
      }
      done(result)
    })
  },
  shutdown: () => exporter.shutdown(),
  forceFlush: () => exporter.forceFlush()
}
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes(fixtures.resource),
  spanProcessors: [new SimpleSpanProcessor(counting)]
})
const tracer = provider.getTracer('tokenmeter-typescript-otlp-example')

const start = new Date(Date.now() - 5 * 60_000)
for (const c of [...fixtures.cases, ...fixtures.ignored]) {
  const span = tracer.startSpan(c.spanName, { kind: SpanKind.CLIENT, startTime: start, attributes: c.attributes })
  if (c.status === 'ERROR') {
    span.setStatus({ code: SpanStatusCode.ERROR, message: c.statusMessage })
  }
  span.end(new Date(start.getTime() + c.durationMs))
  const { traceId, spanId } = span.spanContext()
  console.log(`${traceId}${spanId} ${c.name}`)
}
await provider.forceFlush()
await provider.shutdown()
process.exit(failures === 0 ? 0 : 1)
