// @ts-check
/** The provider response bodies of ../fixtures, shared with the Java and Python tests. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  mapAnthropicMessage, mapGeminiGenerateContent, mapOpenAiChatCompletion, mapOpenAiResponse,
} from 'tokenmeter'

const directory = fileURLToPath(new URL('../fixtures/', import.meta.url))

/** @param {string} name @returns {any} */
export function load(name) {
  return JSON.parse(readFileSync(directory + name, 'utf8'))
}

/** @type {Record<string, (response: any) => import('tokenmeter').ProviderCall>} */
export const MAPPERS = {
  'openai-chat-completions': mapOpenAiChatCompletion,
  'openai-responses': mapOpenAiResponse,
  'anthropic-messages': mapAnthropicMessage,
  'gemini-generate-content': mapGeminiGenerateContent,
}

/** @type {{ fixture: string, mapper: string, provider: string, endpoint: string, model: string,
 *           responseId: string, usage: import('tokenmeter').Usage }[]} */
export const CASES = load('expected.json').cases
