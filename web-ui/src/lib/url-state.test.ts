import { describe, expect, it } from 'vitest'
import {
  bucketFor,
  dashboardSearch,
  nextDay,
  presetDays,
  readDashboard,
  toApiParams,
  withFilter,
  withFilterValues,
  withoutFilter,
  writeDashboard,
  type DashboardQuery,
} from './url-state'

const ZONE = 'Europe/Berlin'
const read = (search: string) => readDashboard(new URLSearchParams(search), ZONE)

describe('reading the URL', () => {
  it('defaults to the last 7 days in the browser zone without filters', () => {
    expect(read('')).toEqual({ range: '7d', tz: ZONE, filters: {} })
  })

  it('reads a preset range, a zone and repeated filters', () => {
    expect(read('range=30d&tz=Asia%2FKolkata&model=gpt-4o&model=o3&status=error')).toEqual({
      range: '30d',
      tz: 'Asia/Kolkata',
      filters: { model: ['gpt-4o', 'o3'], status: ['error'] },
    })
  })

  it('reads a custom range from two dates', () => {
    expect(read('from=2026-03-01&to=2026-03-31')).toMatchObject({ range: 'custom', from: '2026-03-01', to: '2026-03-31' })
  })

  it('falls back to the default for what it cannot use', () => {
    expect(read('range=5y')).toMatchObject({ range: '7d' })
    expect(read('from=2026-03-31&to=2026-03-01')).toMatchObject({ range: '7d' })
    expect(read('from=2026-02-30&to=2026-03-01')).toMatchObject({ range: '7d' })
    expect(read('tz=Mars%2FOlympus')).toMatchObject({ tz: ZONE })
    expect(read('status=broken&status=timeout').filters).toEqual({ status: ['timeout'] })
    expect(read('project=&project=a&project=a').filters).toEqual({ project: ['a'] })
  })

  it('ignores parameters the dashboard does not know', () => {
    expect(read('sort=cost&tag.=x&tag.bad key=y&bucket=year')).toEqual({ range: '7d', tz: ZONE, filters: {} })
  })

  it('reads user and tag filters and a chosen timeline bucket', () => {
    expect(read('user=u1&user=u2&tag.env=prod&tag.team=a&bucket=week')).toEqual({
      range: '7d',
      tz: ZONE,
      bucket: 'week',
      filters: { user: ['u1', 'u2'], 'tag.env': ['prod'], 'tag.team': ['a'] },
    })
  })
})

describe('writing the URL', () => {
  const query: DashboardQuery = { range: '90d', tz: 'UTC', filters: { provider: ['openai'], apiKey: ['k1', 'k2'] } }

  it('round-trips every field', () => {
    const written = writeDashboard(new URLSearchParams(), query, ZONE)
    expect(readDashboard(written, ZONE)).toEqual(query)
    const custom: DashboardQuery = { range: 'custom', from: '2026-01-01', to: '2026-01-31', tz: ZONE, filters: {} }
    expect(readDashboard(writeDashboard(new URLSearchParams(), custom, ZONE), ZONE)).toEqual(custom)
  })

  it('leaves defaults out, so plain links stay short', () => {
    expect(dashboardSearch({ range: '7d', tz: ZONE, filters: {} }, ZONE)).toBe('')
    expect(dashboardSearch(query, ZONE)).toBe('?range=90d&tz=UTC&provider=openai&apiKey=k1&apiKey=k2')
  })

  it('keeps page parameters such as the log sort', () => {
    const written = writeDashboard(new URLSearchParams('sort=cost&range=today&model=x'), query, ZONE)
    expect(written.get('sort')).toBe('cost')
    expect(written.getAll('model')).toEqual([])
    expect(written.get('range')).toBe('90d')
  })
})

describe('API parameters', () => {
  it('sends the range, the zone and the filters', () => {
    const params = toApiParams({ range: '30d', tz: 'America/New_York', filters: { model: ['a', 'b'], status: ['error'] } })
    expect(params.toString()).toBe('range=30d&tz=America%2FNew_York&model=a&model=b&status=error')
  })

  it('turns the inclusive last day of a custom range into the exclusive next midnight', () => {
    const params = toApiParams({ range: 'custom', from: '2026-02-01', to: '2026-02-28', tz: 'UTC', filters: {} })
    expect(params.get('from')).toBe('2026-02-01')
    expect(params.get('to')).toBe('2026-03-01')
    expect(params.has('range')).toBe(false)
  })

  it('leaves out the range for fixed periods and a picker its own filter', () => {
    const query: DashboardQuery = { range: '90d', tz: 'UTC', filters: { model: ['a'], project: ['p'] } }
    expect(toApiParams(query, { omitRange: true }).toString()).toBe('tz=UTC&model=a&project=p')
    expect(toApiParams(query, { omit: 'model' }).toString()).toBe('range=90d&tz=UTC&project=p')
  })

  it('knows the day after across months, years and leap days', () => {
    expect(nextDay('2026-01-31')).toBe('2026-02-01')
    expect(nextDay('2028-02-28')).toBe('2028-02-29')
    expect(nextDay('2026-12-31')).toBe('2027-01-01')
  })
})

describe('filters', () => {
  const base: DashboardQuery = { range: '7d', tz: 'UTC', filters: {} }

  it('adds a drill-down value once', () => {
    const once = withFilter(base, 'project', 'support-bot')
    expect(once.filters).toEqual({ project: ['support-bot'] })
    expect(withFilter(once, 'project', 'support-bot')).toBe(once)
    expect(withFilter(once, 'project', 'search').filters.project).toEqual(['support-bot', 'search'])
  })

  it('removes one value or the whole dimension', () => {
    const two = withFilterValues(base, 'model', ['a', 'b'])
    expect(withoutFilter(two, 'model', 'a').filters).toEqual({ model: ['b'] })
    expect(withoutFilter(two, 'model').filters).toEqual({})
    expect(withoutFilter(withoutFilter(two, 'model', 'a'), 'model', 'b').filters).toEqual({})
  })
})

describe('bucket choice', () => {
  it('uses hours up to a week and days up to half a year', () => {
    expect(bucketFor({ range: 'today', tz: 'UTC', filters: {} })).toBe('hour')
    expect(bucketFor({ range: '7d', tz: 'UTC', filters: {} })).toBe('hour')
    expect(bucketFor({ range: '30d', tz: 'UTC', filters: {} })).toBe('day')
    expect(bucketFor({ range: '90d', tz: 'UTC', filters: {} })).toBe('day')
    expect(bucketFor({ range: 'mtd', tz: 'UTC', filters: {} })).toBe('day')
  })

  it('scales a custom range to weeks and months', () => {
    const custom = (from: string, to: string): DashboardQuery => ({ range: 'custom', from, to, tz: 'UTC', filters: {} })
    expect(bucketFor(custom('2026-01-01', '2026-01-02'))).toBe('hour')
    expect(bucketFor(custom('2026-01-01', '2026-05-31'))).toBe('day')
    expect(bucketFor(custom('2025-01-01', '2026-12-31'))).toBe('week')
    expect(bucketFor(custom('2020-01-01', '2026-12-31'))).toBe('month')
  })
})

describe('the presets the API has no name for', () => {
  // Wednesday 2026-03-04 23:30 UTC is Thursday 2026-03-05 in Kolkata.
  const now = new Date('2026-03-04T23:30:00Z')

  it('are local days in the zone: this week from Monday, last week, last month', () => {
    expect(presetDays('thisWeek', 'UTC', now)).toEqual({ from: '2026-03-02', toExclusive: '2026-03-05' })
    expect(presetDays('lastWeek', 'UTC', now)).toEqual({ from: '2026-02-23', toExclusive: '2026-03-02' })
    expect(presetDays('lastMonth', 'UTC', now)).toEqual({ from: '2026-02-01', toExclusive: '2026-03-01' })
    expect(presetDays('thisWeek', 'Asia/Kolkata', now)).toEqual({ from: '2026-03-02', toExclusive: '2026-03-06' })
    expect(presetDays('lastMonth', 'UTC', new Date('2026-01-10T00:00:00Z'))).toEqual({ from: '2025-12-01', toExclusive: '2026-01-01' })
    expect(presetDays('ytd', 'UTC', now)).toBeNull()
  })

  it('are sent as from and to; year to date and all time by name', () => {
    const params = (range: DashboardQuery['range']) => Object.fromEntries(toApiParams({ range, tz: 'UTC', filters: {} }, { now }))
    expect(params('lastWeek')).toEqual({ from: '2026-02-23', to: '2026-03-02', tz: 'UTC' })
    expect(params('ytd')).toEqual({ range: 'ytd', tz: 'UTC' })
    expect(params('all')).toEqual({ range: 'all', tz: 'UTC' })
  })

  it('sends user and tag filters and lets a chosen bucket win over the range', () => {
    const query: DashboardQuery = { range: '90d', tz: 'UTC', bucket: 'hour', filters: { 'tag.env': ['prod'], user: ['u1'] } }
    expect(toApiParams(query).toString()).toBe('range=90d&tz=UTC&user=u1&tag.env=prod')
    expect(bucketFor(query)).toBe('hour')
    expect(bucketFor({ ...query, bucket: undefined })).toBe('day')
    expect(readDashboard(writeDashboard(new URLSearchParams(), query, 'UTC'), 'UTC')).toEqual(query)
  })
})
