import { useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useEffect, type ComponentType } from 'react'
import { SignIn } from '@/features/auth/components/SignIn'
import { FilterBar } from '@/features/filters/components/FilterBar'
import { LogPage } from '@/features/log/components/LogPage'
import { OverviewPage } from '@/features/overview/components/OverviewPage'
import { Link } from '@/components/Link'
import { Skeleton } from '@/components/Skeleton'
import { useApiKey } from '@/lib/auth'
import { useLocation } from '@/lib/router'
import { Shell } from './Shell'
import '@/components/states.css'
import './shell.css'

// Settings pages load on first visit: the overview's bundle does not carry them.
const PricesPage = lazy(() => import('@/features/prices/components/PricesPage').then((m) => ({ default: m.PricesPage })))
const BudgetsPage = lazy(() => import('@/features/budgets/components/BudgetsPage').then((m) => ({ default: m.BudgetsPage })))
const KeysPage = lazy(() => import('@/features/keys/components/KeysPage').then((m) => ({ default: m.KeysPage })))
const AlertsPage = lazy(() => import('@/features/alerts/components/AlertsPage').then((m) => ({ default: m.AlertsPage })))
const RulesPage = lazy(() => import('@/features/rules/components/RulesPage').then((m) => ({ default: m.RulesPage })))
const SETTINGS: Record<string, ComponentType> = {
  '/prices': PricesPage,
  '/budgets': BudgetsPage,
  '/rules': RulesPage,
  '/alerts': AlertsPage,
  '/keys': KeysPage,
}

const TITLES: Record<string, string> = {
  '/': 'Overview',
  '/log': 'Log',
  '/prices': 'Prices',
  '/budgets': 'Budgets',
  '/rules': 'Rules',
  '/alerts': 'Alerts',
  '/keys': 'Keys',
}

/** Pages that read the range and filters, and so show the filter bar. */
const FILTERED = ['/', '/index.html', '/log']

function Page({ pathname }: { pathname: string }) {
  if (pathname === '/' || pathname === '/index.html') {
    return <OverviewPage />
  }
  if (pathname === '/log') {
    return <LogPage />
  }
  const Settings = SETTINGS[pathname]
  if (Settings) {
    return (
      <Suspense fallback={<Skeleton height={320} />}>
        <Settings />
      </Suspense>
    )
  }
  return (
    <div className="state state-empty">
      <p className="state-title">No such page</p>
      <Link href="/">Go to the overview</Link>
    </div>
  )
}

/** Signed out: the sign-in form. Signed in: the shell, the filter bar and the page the path names. */
export function App() {
  const key = useApiKey()
  const { pathname } = useLocation()
  const client = useQueryClient()

  // Whatever the last key could read must not show for the next one.
  useEffect(() => {
    if (!key) {
      client.clear()
    }
  }, [key, client])

  useEffect(() => {
    document.title = key ? `${TITLES[pathname] ?? 'Not found'} · Tokenmeter` : 'Sign in · Tokenmeter'
  }, [key, pathname])

  if (!key) {
    return <SignIn />
  }
  return (
    <Shell>
      <main id="main" className="main" tabIndex={-1}>
        {FILTERED.includes(pathname) && <FilterBar />}
        <Page pathname={pathname} />
      </main>
    </Shell>
  )
}
