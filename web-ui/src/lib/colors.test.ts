import { describe, expect, it } from 'vitest'
import { colorForKey, KNOWN_PROVIDERS, METRIC_COLORS, PALETTE } from './colors'

describe('series colours', () => {
  it('gives a value the same colour whatever order the list came in', () => {
    expect(colorForKey('openai', ['openai', 'anthropic', 'google'])).toBe(colorForKey('openai', ['google', 'openai', 'anthropic']))
  })

  it('gives different values of one dimension different colours', () => {
    const known = ['a', 'b', 'c', 'd', 'e']
    expect(new Set(known.map((k) => colorForKey(k, known))).size).toBe(5)
  })

  it('gives each well-known provider its own colour', () => {
    expect(new Set(KNOWN_PROVIDERS.map((p) => colorForKey(p, KNOWN_PROVIDERS))).size).toBe(KNOWN_PROVIDERS.length)
    expect(KNOWN_PROVIDERS.length).toBeLessThanOrEqual(PALETTE.length)
  })

  it('still colours a value it does not know, and greys a missing one', () => {
    expect(PALETTE).toContain(colorForKey('new-model', []))
    expect(colorForKey(null, ['a'])).toBe(METRIC_COLORS.other)
  })
})
