/**
 * One colour per series, everywhere: a metric keeps its colour in every chart, and a provider
 * or model keeps its colour between the donut, the bars and the cost-over-time chart.
 */

export const METRIC_COLORS = {
  success: '#2f9e62',
  error: '#d64541',
  timeout: '#e0a526',
  requests: '#3b78d8',
  input: '#3b78d8',
  output: '#8e5bd6',
  cached: '#17a2a8',
  cost: '#dd7a2a',
  avgLatency: '#3b78d8',
  p95Latency: '#d64541',
  errorRate: '#d64541',
  other: '#98a2ae',
  previous: '#6b7785',
} as const

/** Ten distinguishable colours (Tableau 10, reordered so neighbours differ most). */
export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#ff9da7',
  '#9c755f',
  '#5f6b7a',
] as const

/**
 * The providers most tenants call, each with its own palette colour in every chart and for every
 * tenant, so the donut needs no list of the tenant's providers first. Another provider gets a
 * colour from a hash of its name, which may repeat one of these.
 */
export const KNOWN_PROVIDERS: readonly string[] = [
  'anthropic',
  'azure',
  'bedrock',
  'cohere',
  'deepseek',
  'google',
  'meta',
  'mistral',
  'openai',
  'xai',
]

function hash(text: string): number {
  let h = 0
  for (let i = 0; i < text.length; i++) {
    h = (Math.imul(31, h) + text.charCodeAt(i)) | 0
  }
  return Math.abs(h)
}

/**
 * The colour of a dimension value: its place among every value of the dimension (sorted, so the
 * same in every chart and on every reload), or a hash of it when that list is not known yet.
 */
export function colorForKey(key: string | null, known: readonly string[] = []): string {
  if (key === null) {
    return METRIC_COLORS.other
  }
  const sorted = [...known].sort()
  const index = sorted.indexOf(key)
  return PALETTE[(index >= 0 ? index : hash(key)) % PALETTE.length] ?? METRIC_COLORS.other
}
