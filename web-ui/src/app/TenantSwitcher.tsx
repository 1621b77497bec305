import { useQueryClient } from '@tanstack/react-query'
import './tenant-switcher.css'
import { useTenants } from '@/api/get-tenants'
import { formatCompact, formatUsd } from '@/lib/format'
import { setOperatorTenant, useTenant } from '@/lib/tenant'

/**
 * For the operator key: which tenant the dashboard reads, from GET /tenants (with each tenant's last
 * 30 days). Switching drops every cached answer, since query keys do not name the tenant.
 */
export function TenantSwitcher() {
  const { operator, tenant } = useTenant()
  const tenants = useTenants(operator)
  const client = useQueryClient()
  if (!operator) {
    return null
  }
  const items = tenants.data?.tenants ?? []
  return (
    <label className="inline-field tenant-switcher">
      <span className="field-label">Tenant</span>
      <select
        className="select select-small"
        value={tenant ?? ''}
        disabled={tenants.isPending}
        onChange={(e) => {
          setOperatorTenant(e.target.value || null)
          void client.resetQueries({ predicate: (q) => q.queryKey[0] !== 'tenants' })
        }}
        data-testid="tenant-switcher"
      >
        {tenant === null && <option value="">Choose a tenant</option>}
        {tenant !== null && !items.some((t) => t.name === tenant) && <option value={tenant}>{tenant}</option>}
        {items.map((t) => (
          <option key={t.name} value={t.name}>
            {t.name} — {formatCompact(t.requests)} req · {formatUsd(t.costUsd)} (30 days)
          </option>
        ))}
      </select>
    </label>
  )
}
