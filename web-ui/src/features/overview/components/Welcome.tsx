import '../overview.css'
const EXAMPLE = `curl -X POST http://localhost:8081/api/v1/events \\
  -H "Authorization: Bearer $TOKENMETER_INGEST_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{
    "id": "req_0001",
    "time": "'"$(date -u +%Y-%m-%dT%H:%M:%SZ)"'",
    "provider": "openai",
    "model": "gpt-4o-mini",
    "endpoint": "chat.completions",
    "project": "my-first-app",
    "status": "success",
    "latencyMs": 640,
    "usage": { "inputTokens": 1200, "outputTokens": 300 }
  }'`

/** The empty state of a tenant that has never sent an event: how to send the first one. */
export function Welcome() {
  return (
    <section className="welcome" data-testid="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">No usage yet</h2>
      <p>
        This tenant has not recorded any event. Send one usage event per LLM or API call to the ingest service, with an{' '}
        <strong>ingest key</strong> of this tenant, and it appears here within seconds.
      </p>
      <pre className="code" tabIndex={0} aria-label="Example request">
        <code>{EXAMPLE}</code>
      </pre>
      <p className="muted">
        Publishers can also write the same JSON to the Kafka topic <code>usage-events</code>. Events may be sent in batches of up to 1000 as
        a JSON array. Ask your administrator for an ingest key if you do not have one.
      </p>
    </section>
  )
}
