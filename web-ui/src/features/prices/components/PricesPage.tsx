import { useAccess } from '@/api/get-access'
import { usePageParams } from '@/lib/use-dashboard-query'
import { useUnpriced } from '../api/get-unpriced'
import { AliasTable } from './AliasTable'
import { ImportPanel } from './ImportPanel'
import { PriceTable } from './PriceTable'
import { RepricePanel } from './RepricePanel'
import { UnpricedPanel } from './UnpricedPanel'
import '@/components/page.css'
import '../prices.css'

/**
 * Prices: models seen without a price (set one in a click), re-pricing stored events as a polled
 * job (its id in the URL, so a reload keeps following it), and the effective price list.
 */
export function PricesPage() {
  const access = useAccess()
  const unpriced = useUnpriced()
  const [params, setParams] = usePageParams()
  const canManage = access.data === 'manage'
  return (
    <div className="page" data-testid="prices">
      <header className="page-header">
        <h1>Prices</h1>
        <p className="muted">
          What each model costs, per 1,000,000 tokens in USD. Your own prices win over the built-in list from their date on.
        </p>
      </header>
      {access.data === 'read' && (
        <p className="notice" role="note" data-testid="read-only">
          You are signed in with a viewer key: you can read prices, but setting a price or re-pricing needs an admin key of the tenant.
        </p>
      )}
      <UnpricedPanel canManage={canManage} />
      <RepricePanel
        canManage={canManage}
        unpriced={unpriced.data?.items}
        jobId={params.get('job')}
        onJob={(id) => setParams({ job: id })}
      />
      <ImportPanel canManage={canManage} />
      <PriceTable />
      <AliasTable />
    </div>
  )
}
