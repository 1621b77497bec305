echo '{"id": "req_'"$(date +%s%N)"'", "tenant": "'"$TOKENMETER_TENANT"'", "time": "'"$(date -u +%FT%TZ)"'",
       "provider": "anthropic", "model": "claude-sonnet-4-5", "endpoint": "messages", "project": "support-bot",
       "usage": {"inputTokens": 3180, "cachedInputTokens": 3142, "outputTokens": 112}}' | tr -d '\n' |
  kcat -P -b "$TOKENMETER_KAFKA_BOOTSTRAP" -t usage-events -k "$TOKENMETER_TENANT"
