curl -sS --fail-with-body "$TOKENMETER_INGEST_URL/api/v1/events" \
  -H "Authorization: Bearer $TOKENMETER_INGEST_KEY" -H 'Content-Type: application/json' \
  -d '{"id": "req_'"$(date +%s%N)"'", "time": "'"$(date -u +%FT%TZ)"'",
       "provider": "openai", "model": "gpt-4o-mini", "endpoint": "chat.completions",
       "project": "support-bot", "user": "u_42", "latencyMs": 812,
       "usage": {"inputTokens": 1200, "cachedInputTokens": 1000, "outputTokens": 300}}'
