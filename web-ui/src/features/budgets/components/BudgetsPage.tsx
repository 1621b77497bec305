// Shared sheets, then the feature's, before the child components' own.
import '@/components/page.css'
import '@/components/panel.css'
import '@/components/form.css'
import '../budgets.css'
import { useAccess } from '@/api/get-access'
import { Panel } from '@/components/Panel'
import { EditDeleteButtons } from '@/components/SourceCard'
import { channelSummary } from '@/lib/channels'
import { usePageParams } from '@/lib/use-dashboard-query'
import type { Budget } from '@/types/models'
import { useBudgets } from '@/api/get-budgets'
import { useDeleteBudget } from '../api/save-budget'
import { AlertHistory } from './AlertHistory'
import { BudgetActions } from './BudgetActions'
import { BudgetCard } from './BudgetCard'
import { BudgetForm } from './BudgetForm'

function BudgetDetail({
  budget,
  canManage,
  onEdit,
  onDeleted,
}: {
  budget: Budget
  canManage: boolean
  onEdit: () => void
  onDeleted: () => void
}) {
  const remove = useDeleteBudget()
  return (
    <section className="source-detail" aria-label={`${budget.name}: details`} data-testid="budget-detail">
      <div className="budget-detail-actions">
        <span className="muted small">
          Thresholds {budget.thresholds.map((t) => `${t}%`).join(', ')}
          {budget.forecast ? ' · forecast alert on' : ''} · {budget.notify === 'daily' ? 'at most one per 24 h' : 'each threshold once'}
          {budget.hard ? ' · hard' : ''} · {channelSummary(budget.channels)}
        </span>
        <EditDeleteButtons
          canManage={canManage}
          onEdit={onEdit}
          onDelete={() => remove.mutate(budget.id, { onSuccess: onDeleted })}
          removal={remove}
          confirmLabel="Delete with its alerts"
          forbidden="An admin key is needed to delete budgets."
        />
      </div>
      {canManage && <BudgetActions budget={budget} />}
      <h4>Alert history</h4>
      <AlertHistory budgetId={budget.id} zone={budget.tz} />
    </section>
  )
}

/**
 * Budgets: each with its progress, projection and thresholds; the selected one (`budget` in the URL)
 * with its alert history; create and edit forms (`edit=new` or `edit=<id>`), so the back button
 * leaves a form and returns to the list.
 */
export function BudgetsPage() {
  const access = useAccess()
  const budgets = useBudgets()
  const [params, setParams] = usePageParams()
  const canManage = access.data === 'manage'
  const selected = params.get('budget')
  const edit = params.get('edit')
  const items = budgets.data?.items ?? []
  const editing = edit && edit !== 'new' ? (items.find((b) => b.id === edit) ?? null) : null
  const showForm = canManage && (edit === 'new' || editing !== null)

  return (
    <div className="page" data-testid="budgets">
      <header className="page-header page-header-row">
        <div>
          <h1>Budgets</h1>
          <p className="muted">Limits per day, week or month, in USD or tokens, with alerts as spend crosses their thresholds.</p>
        </div>
        {canManage && !showForm && (
          <button type="button" className="button button-primary" onClick={() => setParams({ edit: 'new' })}>
            New budget
          </button>
        )}
      </header>
      {access.data === 'read' && (
        <p className="notice" role="note" data-testid="read-only">
          You are signed in with a viewer key: you can follow budgets and their alerts, but creating, changing or deleting one needs an
          admin key of the tenant.
        </p>
      )}
      {showForm && (
        <section className="panel surface" aria-labelledby="budget-form-heading">
          <header className="panel-header">
            <h2 id="budget-form-heading">{editing ? `Edit ${editing.name}` : 'New budget'}</h2>
          </header>
          <div className="panel-body">
            <BudgetForm
              key={edit}
              budget={editing}
              // The form's history entry is replaced: back from the saved budget goes where the form was opened from.
              onCancel={() => setParams({ edit: null }, { replace: true })}
              onSaved={(saved) => setParams({ edit: null, budget: saved.id }, { replace: true })}
            />
          </div>
        </section>
      )}
      <Panel
        title="Your budgets"
        status={budgets}
        empty={items.length === 0}
        emptyTitle="No budgets yet"
        emptyHint={
          canManage
            ? 'Create one to see spend against a limit and be alerted before it is crossed.'
            : 'An admin of the tenant can create one.'
        }
        skeletonHeight={160}
        testId="budget-list"
      >
        <div className="source-list">
          {items.map((budget) => (
            <div key={budget.id} className="source-item">
              <BudgetCard
                budget={budget}
                selected={selected === budget.id}
                onSelect={() => setParams({ budget: selected === budget.id ? null : budget.id })}
              />
              {selected === budget.id && (
                <BudgetDetail
                  budget={budget}
                  canManage={canManage}
                  onEdit={() => setParams({ edit: budget.id })}
                  onDeleted={() => setParams({ budget: null }, { replace: true })}
                />
              )}
            </div>
          ))}
        </div>
      </Panel>
    </div>
  )
}
