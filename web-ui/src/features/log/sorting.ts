/** The log's sort, kept in the URL beside the range and filters (`sort`, `order`). */
import type { LogSort, SortOrder } from '@/types/models'

export const LOG_SORTS: readonly LogSort[] = ['time', 'cost', 'totalTokens', 'inputTokens', 'outputTokens', 'latency']

export interface LogOrder {
  sort: LogSort
  order: SortOrder
}

export const DEFAULT_ORDER: LogOrder = { sort: 'time', order: 'desc' }

export function readLogOrder(params: URLSearchParams): LogOrder {
  const sort = params.get('sort')
  const order = params.get('order')
  return {
    sort: (LOG_SORTS as readonly string[]).includes(sort ?? '') ? (sort as LogSort) : DEFAULT_ORDER.sort,
    order: order === 'asc' || order === 'desc' ? order : DEFAULT_ORDER.order,
  }
}

/** A click on a column header: a new column sorts descending (largest, newest first); the same one flips. */
export function nextOrder(current: LogOrder, column: LogSort): LogOrder {
  if (current.sort !== column) {
    return { sort: column, order: 'desc' }
  }
  return { sort: column, order: current.order === 'desc' ? 'asc' : 'desc' }
}

/** The URL parameters for an order; the default is left out so plain links stay short. */
export function orderParams(order: LogOrder): Record<'sort' | 'order', string | null> {
  return {
    sort: order.sort === DEFAULT_ORDER.sort ? null : order.sort,
    order: order.order === DEFAULT_ORDER.order ? null : order.order,
  }
}
