import tokenmeter
from openai import OpenAI

client = tokenmeter.wrap(OpenAI())  # publishes to TOKENMETER_INGEST_URL with TOKENMETER_INGEST_KEY


def answer(question: str, user: str) -> str:
    with tokenmeter.context(project="support-bot", user=user, tags={"env": "prod"}):
        response = client.chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": question}])
    return response.choices[0].message.content
