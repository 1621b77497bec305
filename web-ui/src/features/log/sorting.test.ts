import { describe, expect, it } from 'vitest'
import { nextOrder, orderParams, readLogOrder } from './sorting'

describe('log order', () => {
  it('defaults to newest first and ignores what the API cannot sort by', () => {
    expect(readLogOrder(new URLSearchParams(''))).toEqual({ sort: 'time', order: 'desc' })
    expect(readLogOrder(new URLSearchParams('sort=model&order=up'))).toEqual({ sort: 'time', order: 'desc' })
    expect(readLogOrder(new URLSearchParams('sort=cost&order=asc'))).toEqual({ sort: 'cost', order: 'asc' })
  })

  it('sorts a new column largest first and flips the same one', () => {
    expect(nextOrder({ sort: 'time', order: 'desc' }, 'cost')).toEqual({ sort: 'cost', order: 'desc' })
    expect(nextOrder({ sort: 'cost', order: 'desc' }, 'cost')).toEqual({ sort: 'cost', order: 'asc' })
    expect(nextOrder({ sort: 'cost', order: 'asc' }, 'cost')).toEqual({ sort: 'cost', order: 'desc' })
  })

  it('keeps the default out of the URL', () => {
    expect(orderParams({ sort: 'time', order: 'desc' })).toEqual({ sort: null, order: null })
    expect(orderParams({ sort: 'latency', order: 'asc' })).toEqual({ sort: 'latency', order: 'asc' })
  })
})
