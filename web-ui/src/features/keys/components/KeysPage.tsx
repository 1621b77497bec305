import { useState, type FormEvent } from 'react'
import { useAccess } from '@/api/get-access'
import { Skeleton } from '@/components/Skeleton'
import { EmptyState, ErrorState } from '@/components/States'
import { formatRelative } from '@/lib/format'
import type { CreatedKey } from '@/types/models'
import { DataTable, type Column } from '@/components/DataTable'
import { useCreateKey, useKeys, useRevokeKey, type KeyRole } from '../api/keys'
import '@/components/table.css'
import '../keys.css'

const ROLES: { role: KeyRole; hint: string }[] = [
  { role: 'viewer', hint: 'reads usage' },
  { role: 'admin', hint: 'reads usage, manages prices, budgets and keys' },
  { role: 'ingest', hint: 'publishes events over HTTP, reads nothing' },
]

/** The new key's secret, shown this once, with a copy button. */
function NewSecret({ created, onDone }: { created: CreatedKey; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret)
      setCopied('yes')
    } catch {
      setCopied('failed')
    }
  }
  return (
    <section className="new-secret" aria-labelledby="new-secret-title" data-testid="new-secret">
      <h2 id="new-secret-title">Key “{created.name}” created</h2>
      <p>Copy its secret now: it is shown only this once and cannot be read again.</p>
      <div className="secret-row">
        <input className="input mono secret" readOnly value={created.secret} aria-label="New key secret" data-testid="new-secret-value" />
        <button type="button" className="button" onClick={() => void copy()} data-testid="copy-secret">
          Copy
        </button>
        <button type="button" className="button button-quiet" onClick={onDone}>
          Done
        </button>
      </div>
      <p role="status" className="muted">
        {copied === 'yes'
          ? 'Copied to the clipboard.'
          : copied === 'failed'
            ? 'The browser refused the clipboard: select the secret and copy it.'
            : ''}
      </p>
    </section>
  )
}

function CreateForm({ onCreated }: { onCreated: (key: CreatedKey) => void }) {
  const [name, setName] = useState('')
  const [role, setRole] = useState<KeyRole>('viewer')
  const create = useCreateKey()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    create.mutate(
      { name: name.trim(), role },
      {
        onSuccess: (key) => {
          setName('')
          onCreated(key)
        },
      },
    )
  }
  return (
    <form className="key-form" onSubmit={submit} aria-label="Create a key">
      <label className="field">
        <span className="field-label">Name</span>
        <input className="input" value={name} onChange={(e) => setName(e.target.value)} required maxLength={128} data-testid="key-name" />
      </label>
      <label className="field">
        <span className="field-label">Role</span>
        <select className="select" value={role} onChange={(e) => setRole(e.target.value as KeyRole)} data-testid="key-role">
          {ROLES.map((r) => (
            <option key={r.role} value={r.role}>
              {r.role} — {r.hint}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button" disabled={create.isPending || name.trim() === ''} data-testid="key-create">
        Create key
      </button>
      {create.isError && (
        <p role="alert" className="form-error">
          {create.error.message}
        </p>
      )}
    </form>
  )
}

const COLUMNS: Column[] = [
  { label: 'Name' },
  { label: 'Id' },
  { label: 'Role' },
  { label: 'Created' },
  { label: 'Last used' },
  { label: 'Status' },
]

/** An admin's keys: create (the secret shown once), list, revoke. Viewers are told they need an admin key. */
export function KeysPage() {
  const access = useAccess()
  const keys = useKeys(access.data === 'manage')
  const revoke = useRevokeKey()
  const [created, setCreated] = useState<CreatedKey | null>(null)
  if (access.isPending) {
    return <Skeleton height={240} />
  }
  if (access.data === 'read') {
    return (
      <EmptyState title="Keys need an admin key">Sign in with an admin key of this tenant to create, list and revoke its keys.</EmptyState>
    )
  }
  return (
    <div className="keys-page" data-testid="keys-page">
      <h1 className="page-title">API keys</h1>
      {created ? <NewSecret created={created} onDone={() => setCreated(null)} /> : <CreateForm onCreated={setCreated} />}
      {keys.isPending ? (
        <Skeleton height={200} />
      ) : keys.isError ? (
        <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
      ) : keys.data.items.length === 0 ? (
        <EmptyState title="No keys yet">Create one above.</EmptyState>
      ) : (
        <DataTable columns={COLUMNS} testId="keys-table">
          {keys.data.items.map((key) => (
            <tr key={key.id} data-key={key.id}>
              <td>{key.name}</td>
              <td className="mono">{key.id}</td>
              <td>{key.role}</td>
              <td>{formatRelative(key.createdAt)}</td>
              <td>{key.lastUsedAt ? formatRelative(key.lastUsedAt) : 'never'}</td>
              <td>
                {key.revokedAt ? (
                  <span className="muted">revoked {formatRelative(key.revokedAt)}</span>
                ) : (
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    aria-label={`Revoke key ${key.name}`}
                    disabled={revoke.isPending}
                    onClick={() => {
                      if (window.confirm(`Revoke “${key.name}”? Anything using it stops working at once.`)) {
                        revoke.mutate(key.id)
                      }
                    }}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  )
}
