import OpenAI from 'openai'
import { wrap, withContext } from 'tokenmeter'

const openai = wrap(new OpenAI()) // publishes to TOKENMETER_INGEST_URL with TOKENMETER_INGEST_KEY

export async function answer(question, user) {
  const response = await withContext({ project: 'support-bot', user, tags: { env: 'prod' } }, () =>
    openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] }))
  return response.choices[0].message.content
}
