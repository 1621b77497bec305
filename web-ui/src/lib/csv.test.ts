import { describe, expect, it } from 'vitest'
import { toCsv } from './csv'

describe('toCsv', () => {
  it('quotes cells with commas, quotes and newlines and ends every row with CRLF', () => {
    expect(
      toCsv(
        ['key', 'n'],
        [
          ['a,b', 1],
          ['say "hi"', 2],
          ['two\nlines', null],
        ],
      ),
    ).toBe('key,n\r\n"a,b",1\r\n"say ""hi""",2\r\n"two\nlines",\r\n')
  })

  it('defuses text a spreadsheet would run as a formula but leaves numbers alone', () => {
    expect(
      toCsv(
        ['k', 'v'],
        [
          ['=SUM(A1)', -5],
          ['@cmd', 0.25],
          ['-5', 3],
        ],
      ),
    ).toBe("k,v\r\n'=SUM(A1),-5\r\n'@cmd,0.25\r\n'-5,3\r\n")
  })
})
