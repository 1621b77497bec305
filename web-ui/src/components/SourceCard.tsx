import { useState, type ReactNode } from 'react'
import { isForbidden } from '@/lib/api-client'
import './source-card.css'

/** "project: a, b · model: m", or "All usage" for an empty scope. */
export function scopeText(scope: Record<string, string[]>): string {
  const parts = Object.entries(scope).map(([k, v]) => `${k}: ${v.join(', ')}`)
  return parts.length ? parts.join(' · ') : 'All usage'
}

/**
 * One alert source in a list (a budget, usage rule, anomaly watch or digest): its name as the
 * button that selects it, what stands beside the name, then the card's own body. `kind` gives
 * the card its class (`budget-card` beside `source-card`) and test id (`budget-<id>`).
 */
export function SourceCard({
  kind,
  source,
  selected,
  onSelect,
  beside,
  children,
}: {
  kind: 'budget' | 'rule'
  source: { id: string; name: string }
  selected: boolean
  onSelect: () => void
  beside: ReactNode
  children: ReactNode
}) {
  return (
    <article
      className={`source-card ${kind}-card${selected ? ' is-selected' : ''}`}
      data-testid={`${kind}-${source.id}`}
      aria-current={selected ? 'true' : undefined}
    >
      <header className="source-card-header">
        <h3>
          <button type="button" className="link-button source-name" onClick={onSelect} aria-expanded={selected}>
            {source.name}
          </button>
        </h3>
        {beside}
      </header>
      {children}
    </article>
  )
}

/** A deletion as the buttons see it (TanStack Query's `useMutation` result fits). */
interface Removal {
  isPending: boolean
  isError: boolean
  error: Error | null
}

/**
 * Edit and a two-step delete ("Delete…", then confirm or keep) of an alert source, for admins;
 * with the deletion's failure under them.
 */
export function EditDeleteButtons({
  canManage,
  onEdit,
  onDelete,
  removal,
  confirmLabel,
  forbidden,
}: {
  canManage: boolean
  onEdit: () => void
  onDelete: () => void
  removal: Removal
  /** "Delete with its alerts". */
  confirmLabel: string
  /** What a viewer's key is told when the API refuses. */
  forbidden: string
}) {
  const [confirming, setConfirming] = useState(false)
  return (
    <>
      {canManage && (
        <div className="form-actions">
          <button type="button" className="button" onClick={onEdit}>
            Edit
          </button>
          {confirming ? (
            <>
              <button type="button" className="button button-danger" disabled={removal.isPending} onClick={onDelete}>
                {removal.isPending ? 'Deleting…' : confirmLabel}
              </button>
              <button type="button" className="button button-quiet" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" className="button button-quiet" onClick={() => setConfirming(true)}>
              Delete…
            </button>
          )}
        </div>
      )}
      {removal.isError && (
        <p className="form-error" role="alert">
          {isForbidden(removal.error) ? forbidden : `Could not delete: ${removal.error?.message}`}
        </p>
      )}
    </>
  )
}
