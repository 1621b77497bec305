import type { ReactNode } from 'react'
import { Link } from '@/components/Link'
import { signOut } from '@/lib/auth'
import { setThemeChoice, useTheme } from '@/lib/theme'
import { browserZone, useDashboardQuery } from '@/lib/use-dashboard-query'
import { dashboardSearch } from '@/lib/url-state'
import { REFRESH_SECONDS, useAutoRefresh } from './auto-refresh'
import { RateLimitNotice } from './RateLimitNotice'
import { TenantSwitcher } from './TenantSwitcher'
import './shell.css'

const PAGES = [
  { path: '/', label: 'Overview' },
  { path: '/log', label: 'Log' },
  { path: '/prices', label: 'Prices' },
  { path: '/budgets', label: 'Budgets' },
  { path: '/rules', label: 'Rules' },
  { path: '/alerts', label: 'Alerts' },
  { path: '/keys', label: 'Keys' },
]

/** The header (pages, auto-refresh, theme, sign-out) around a page. */
export function Shell({ children }: { children: ReactNode }) {
  const { query, pathname } = useDashboardQuery()
  const theme = useTheme()
  const [autoRefresh, setAutoRefresh] = useAutoRefresh()
  const search = dashboardSearch(query, browserZone)

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Tokenmeter
        </div>
        <nav className="nav" aria-label="Pages">
          {PAGES.map((page) => (
            <Link
              key={page.path}
              href={`${page.path}${search}`}
              aria-current={pathname === page.path ? 'page' : undefined}
              className="nav-link"
            >
              {page.label}
            </Link>
          ))}
        </nav>
        <div className="topbar-actions">
          <TenantSwitcher />
          <button
            type="button"
            className="button button-quiet"
            aria-pressed={autoRefresh}
            onClick={() => setAutoRefresh(!autoRefresh)}
            title={`Refresh every ${REFRESH_SECONDS} seconds`}
            data-testid="auto-refresh"
          >
            <span className={`dot${autoRefresh ? ' dot-on' : ''}`} aria-hidden="true" />
            Auto-refresh
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => setThemeChoice(theme === 'dark' ? 'light' : 'dark')}
            aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
            data-testid="theme-toggle"
          >
            <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
            <span className="hide-narrow">{theme === 'dark' ? 'Light' : 'Dark'}</span>
          </button>
          <button type="button" className="button button-quiet" onClick={() => signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <RateLimitNotice />
      {children}
    </>
  )
}
