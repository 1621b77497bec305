import { useState, type FormEvent } from 'react'
import { LabelledField } from '@/components/FormParts'
import { ErrorState } from '@/components/States'
import { fieldError, isForbidden } from '@/lib/api-client'
import type { UnpricedModel } from '@/types/models'
import { useJob } from '../api/get-job'
import { useStartReprice } from '../api/reprice'
import { defaultRepriceRange, jobView, validateRepriceRange } from '../prepare/reprice'
import '@/components/form.css'
import '@/components/panel.css'
import '../prices.css'

interface RepricePanelProps {
  canManage: boolean
  unpriced: readonly UnpricedModel[] | undefined
  jobId: string | null
  onJob: (id: string) => void
}

function JobProgress({ id }: { id: string }) {
  const job = useJob(id)
  if (job.isPending) {
    return <p className="muted">Loading the job…</p>
  }
  if (job.isError) {
    return <ErrorState error={job.error} onRetry={() => void job.refetch()} compact />
  }
  const view = jobView(job.data)
  return (
    <div className="job" data-testid="job" data-state={job.data.state}>
      <div
        className={`meter${view.failed ? ' meter-bad' : view.finished ? ' meter-good' : ''}`}
        role="progressbar"
        aria-label="Re-pricing progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={view.percent}
        aria-valuetext={view.label}
      >
        <div className="meter-fill" style={{ width: `${view.percent}%` }} />
      </div>
      <p className="small" aria-live="polite">
        <strong>{view.percent}%</strong> · {view.label}
      </p>
    </div>
  )
}

/** Re-prices stored events over a range with today's prices, as a job whose progress is polled. */
export function RepricePanel({ canManage, unpriced, jobId, onJob }: RepricePanelProps) {
  const [range, setRange] = useState<{ from: string; to: string } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [now] = useState(() => Date.now())
  const start = useStartReprice()
  const shown = range ?? defaultRepriceRange(unpriced ?? [], now)
  const dateField = (name: 'from' | 'to', label: string) => (
    <LabelledField label={label}>
      <input
        className="input"
        type="date"
        name={name}
        value={shown[name]}
        onChange={(e) => setRange({ ...shown, [name]: e.target.value })}
      />
    </LabelledField>
  )
  const server = fieldError(start.error)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const checked = validateRepriceRange(shown.from, shown.to)
    setError(checked.error)
    if (checked.range) {
      start.mutate(checked.range, { onSuccess: (job) => onJob(job.id) })
    }
  }
  return (
    <section className="panel surface" aria-labelledby="reprice-heading" data-testid="reprice">
      <header className="panel-header">
        <h2 id="reprice-heading">Re-price stored events</h2>
      </header>
      <div className="panel-body">
        <p className="muted small">
          A new price applies to events as they arrive. Events already stored keep their cost until re-priced: this recomputes them, and
          their totals, with the prices in force at each event&rsquo;s time.
        </p>
        <form className="inline-form" onSubmit={submit} aria-label="Re-price a range" noValidate>
          <div className="form-grid">
            {dateField('from', 'From (UTC, inclusive)')}
            {dateField('to', 'To (UTC, exclusive)')}
            <div className="form-actions form-actions-end">
              <button
                type="submit"
                className="button button-primary"
                disabled={!canManage || start.isPending}
                title={canManage ? undefined : 'Needs an admin key'}
              >
                {start.isPending ? 'Starting…' : 'Re-price'}
              </button>
            </div>
          </div>
          {(error || start.isError) && (
            <p className="form-error" role="alert">
              {error ??
                (server
                  ? `${server.field}: ${server.message}`
                  : isForbidden(start.error)
                    ? 'An admin key is needed to re-price.'
                    : `Could not start: ${start.error?.message}`)}
            </p>
          )}
        </form>
        {jobId && <JobProgress key={jobId} id={jobId} />}
      </div>
    </section>
  )
}
