import { useAccess } from '@/api/get-access'
import { useRules } from '@/api/get-rules'
import { Panel } from '@/components/Panel'
import { useDashboardQuery, usePageParams } from '@/lib/use-dashboard-query'
import type { AnyRule, RuleCollection } from '@/types/rules'
import { RuleForm } from './RuleForm'
import { RuleItem } from './RuleItem'
import '@/components/page.css'
import '@/components/panel.css'
import '@/components/form.css'
import '@/components/table.css'
import '../rules.css'

const SECTIONS: { collection: RuleCollection; title: string; create: string; empty: string }[] = [
  {
    collection: 'rules',
    title: 'Usage rules',
    create: 'New usage rule',
    empty:
      'A usage rule alerts when a measure over a window crosses a threshold, e.g. the error rate above 5% over 15 minutes, and says when it is resolved.',
  },
  {
    collection: 'anomalies',
    title: 'Spend anomalies',
    create: 'New anomaly watch',
    empty: 'An anomaly watch alerts when today’s (or this hour’s) spend is far above the same time of the last 4 weeks.',
  },
  {
    collection: 'digests',
    title: 'Digests',
    create: 'New digest',
    empty: 'A digest sends spend, requests, errors, top movers and budgets at risk daily or weekly at a local time.',
  },
]

function isCollection(text: string): text is RuleCollection {
  return text === 'rules' || text === 'anomalies' || text === 'digests'
}

/**
 * Usage rules, spend anomaly watches and digests: each with its state and newest notice; the selected
 * one (`rule` in the URL) with dry run, evaluate now, send test and its recent notices; create and edit
 * forms (`edit=new-rules|new-anomalies|new-digests` or `edit=<id>`), so back leaves a form.
 */
export function RulesPage() {
  const access = useAccess()
  const { query } = useDashboardQuery()
  const lists = { rules: useRules('rules'), anomalies: useRules('anomalies'), digests: useRules('digests') }
  const [params, setParams] = usePageParams()
  const canManage = access.data === 'manage'
  const selected = params.get('rule')
  const edit = params.get('edit')
  const creating = edit?.startsWith('new-') && isCollection(edit.slice(4)) ? (edit.slice(4) as RuleCollection) : null
  const found = (id: string) =>
    SECTIONS.map(({ collection }) => ({
      collection,
      rule: (lists[collection].data?.items as AnyRule[] | undefined)?.find((r) => r.id === id),
    })).find((x) => x.rule)
  const editing = edit && !creating ? (found(edit) ?? null) : null
  const formCollection = creating ?? editing?.collection ?? null
  const showForm = canManage && formCollection !== null
  const zone = query.tz

  return (
    <div className="page" data-testid="rules-page">
      <header className="page-header page-header-row">
        <div>
          <h1>Rules</h1>
          <p className="muted">Usage rules, spend anomalies and digests, delivered through the same channels as budget alerts.</p>
        </div>
        {canManage && !showForm && (
          <div className="form-actions">
            {SECTIONS.map((s) => (
              <button key={s.collection} type="button" className="button" onClick={() => setParams({ edit: `new-${s.collection}` })}>
                {s.create}
              </button>
            ))}
          </div>
        )}
      </header>
      {access.data === 'read' && (
        <p className="notice" role="note" data-testid="read-only">
          You are signed in with a viewer key: you can follow rules and their notices, but creating, changing, testing or deleting one needs
          an admin key of the tenant.
        </p>
      )}
      {canManage && formCollection !== null && (
        <section className="panel surface" aria-labelledby="rule-form-heading">
          <header className="panel-header">
            <h2 id="rule-form-heading">
              {editing?.rule ? `Edit ${editing.rule.name}` : SECTIONS.find((s) => s.collection === formCollection)!.create}
            </h2>
          </header>
          <div className="panel-body">
            <RuleForm
              key={edit}
              collection={formCollection}
              rule={editing?.rule ?? null}
              onCancel={() => setParams({ edit: null }, { replace: true })}
              onSaved={(saved) => setParams({ edit: null, rule: saved.id }, { replace: true })}
            />
          </div>
        </section>
      )}
      {SECTIONS.map(({ collection, title, empty }) => {
        const list = lists[collection]
        const items = (list.data?.items ?? []) as AnyRule[]
        return (
          <Panel
            key={collection}
            title={title}
            status={list}
            empty={items.length === 0}
            emptyTitle={`No ${title.toLowerCase()} yet`}
            emptyHint={canManage ? empty : `${empty} An admin of the tenant can create one.`}
            skeletonHeight={100}
            testId={`rules-${collection}`}
          >
            <div className="source-list">
              {items.map((rule) => (
                <RuleItem
                  key={rule.id}
                  collection={collection}
                  rule={rule}
                  zone={zone}
                  selected={selected === rule.id}
                  canManage={canManage}
                  onSelect={() => setParams({ rule: selected === rule.id ? null : rule.id })}
                  onEdit={() => setParams({ edit: rule.id })}
                  onDeleted={() => setParams({ rule: null }, { replace: true })}
                />
              ))}
            </div>
          </Panel>
        )
      })}
    </div>
  )
}
