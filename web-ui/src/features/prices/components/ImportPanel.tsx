import { useState, type FormEvent } from 'react'
import { LabelledField } from '@/components/FormParts'
import { Options } from '@/components/Options'
import { fieldError } from '@/lib/api-client'
import type { PriceImportResult } from '@/types/models'
import { DataTable, type Column } from '@/components/DataTable'
import { useImportPrices } from '../api/import-prices'
import { prepareImportDiff } from '../prepare/price-extras'
import '@/components/form.css'
import '@/components/panel.css'
import '@/components/table.css'
import '../prices.css'

const FORMATS = [
  { value: '', label: 'Tell by the file' },
  { value: 'litellm', label: 'LiteLLM (model_prices_and_context_window.json)' },
  { value: 'genai-prices', label: 'genai-prices (data.json)' },
]

function today(): string {
  return new Date().toISOString().slice(0, 10)
}

const COLUMNS: Column[] = [
  { label: 'Change' },
  { label: 'Model' },
  { label: 'Prices: in the file → stored (USD per 1M tokens; units per one)' },
  { label: 'Before' },
]

function Diff({ result }: { result: PriceImportResult }) {
  const rows = prepareImportDiff(result)
  const { counts } = result
  return (
    <div className="import-diff" data-testid="import-diff">
      <p className="small" aria-live="polite" data-testid="import-counts">
        {result.dryRun ? 'Preview, nothing saved: ' : 'Applied: '}
        <strong>{counts.added}</strong> added · <strong>{counts.changed}</strong> changed · <strong>{counts.unchanged}</strong> unchanged ·{' '}
        <strong>{counts.skipped}</strong> skipped ({result.format}, from {result.effectiveFrom.slice(0, 10)})
      </p>
      <DataTable columns={COLUMNS} className="import-table" label="Import diff">
        {rows.map((row) => (
          <tr key={`${row.kind}:${row.key}`} data-kind={row.kind} data-model={row.name}>
            <td>
              <span className={`tag import-kind-${row.kind}`}>{row.kind}</span>
            </td>
            <td>
              <span className="mono">{row.name}</span>
              {row.key !== row.name && <div className="muted small mono">{row.key}</div>}
            </td>
            <td>
              <ul className="import-prices">
                {row.prices.map((price) => (
                  <li key={price.label} data-price={price.label}>
                    <span className="import-label">{price.label}</span> <span className="mono">{price.raw}</span> →{' '}
                    <span className="mono">{price.stored}</span>
                    {price.rounded && <span className="tag tag-warn">rounded</span>}
                  </li>
                ))}
              </ul>
            </td>
            <td className="mono small">{row.before ?? ''}</td>
          </tr>
        ))}
      </DataTable>
      {result.skipped.length > 0 && (
        <details className="import-skipped">
          <summary>{result.skipped.length} skipped, with why</summary>
          <ul data-testid="import-skipped">
            {result.skipped.map((skip) => (
              <li key={skip.key}>
                <span className="mono">{skip.key}</span>: {skip.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}

/**
 * Import an open price file (LiteLLM or genai-prices) as the tenant's own prices: preview the diff
 * (a dry run), then apply the same file. Admin only: the server refuses other keys too.
 */
export function ImportPanel({ canManage }: { canManage: boolean }) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null)
  const [format, setFormat] = useState('')
  const [effectiveFrom, setEffectiveFrom] = useState(today)
  const [result, setResult] = useState<PriceImportResult | null>(null)
  const run = useImportPrices()
  const server = fieldError(run.error)

  const preview = (event: FormEvent) => {
    event.preventDefault()
    if (file) run.mutate({ file: file.text, format, effectiveFrom, dryRun: true }, { onSuccess: setResult })
  }
  const apply = () => {
    if (file) run.mutate({ file: file.text, format, effectiveFrom, dryRun: false }, { onSuccess: setResult })
  }
  const pick = async (files: FileList | null) => {
    const chosen = files?.[0]
    setResult(null)
    setFile(chosen ? { name: chosen.name, text: await chosen.text() } : null)
  }
  if (!canManage) {
    return null
  }
  const canApply = result?.dryRun === true && result.counts.added + result.counts.changed > 0
  return (
    <section className="panel surface" aria-labelledby="import-heading" data-testid="price-import">
      <header className="panel-header">
        <h2 id="import-heading">Import a price file</h2>
      </header>
      <div className="panel-body">
        <p className="muted small">
          LiteLLM&rsquo;s or genai-prices&rsquo; open price file becomes your own prices from a date. Preview the diff first; unchanged
          prices are never written, so importing the same file again changes nothing.
        </p>
        <form className="inline-form" onSubmit={preview} aria-label="Import a price file" noValidate>
          <div className="form-grid">
            <LabelledField label="Price file (JSON)">
              <input
                className="input"
                type="file"
                accept="application/json,.json"
                name="file"
                onChange={(e) => void pick(e.target.files)}
              />
            </LabelledField>
            <LabelledField label="Format">
              <select className="select" name="format" value={format} onChange={(e) => setFormat(e.target.value)}>
                <Options of={FORMATS} value={(f) => f.value} label={(f) => f.label} />
              </select>
            </LabelledField>
            <LabelledField label="Effective from (UTC)">
              <input
                className="input"
                type="date"
                name="effectiveFrom"
                value={effectiveFrom}
                onChange={(e) => setEffectiveFrom(e.target.value)}
              />
            </LabelledField>
            <div className="form-actions form-actions-end">
              <button type="submit" className="button" disabled={!file || run.isPending}>
                {run.isPending && run.variables?.dryRun ? 'Reading…' : 'Preview'}
              </button>
              <button type="button" className="button button-primary" disabled={!canApply || run.isPending} onClick={apply}>
                {run.isPending && run.variables?.dryRun === false ? 'Applying…' : 'Apply'}
              </button>
            </div>
          </div>
          {run.isError && (
            <p className="form-error" role="alert">
              {server ? `${server.field}: ${server.message}` : `Could not import: ${run.error?.message}`}
            </p>
          )}
        </form>
        {result && <Diff result={result} />}
      </div>
    </section>
  )
}
