import { MAX_CHANNELS, newChannel, type ChannelValues } from '@/lib/channels'
import './channels-editor.css'

interface ChannelsEditorProps {
  channels: ChannelValues[]
  onChange: (channels: ChannelValues[]) => void
  /** The error shown under channel i, if any. */
  errorOf: (index: number) => string | undefined
  /** What happens without a channel, e.g. "notices are only listed on the Alerts page". */
  emptyText: string
}

/** Webhooks (URL, json or Slack, secret) and email channels (recipients) of an alert source; every control labelled. */
export function ChannelsEditor({ channels, onChange, errorOf, emptyText }: ChannelsEditorProps) {
  const update = (i: number, patch: Partial<ChannelValues>) => onChange(channels.map((c, k) => (k === i ? { ...c, ...patch } : c)))
  return (
    <fieldset className="fieldset">
      <legend>Channels</legend>
      {channels.length === 0 && <p className="muted small">{emptyText}</p>}
      {channels.map((channel, i) => {
        const error = errorOf(i)
        const email = channel.kind === 'email'
        // The address: an email channel's recipients, a webhook's URL.
        const address = email
          ? { type: 'text', placeholder: 'finops@example.com, oncall@example.com', label: `Email ${i + 1} recipients` }
          : { type: 'url', placeholder: 'https://hooks.example.com/alerts', label: `Webhook ${i + 1} URL` }
        return (
          <div
            className={email ? 'channel-row channel-row-email' : 'channel-row'}
            key={channel.id ?? `new-${i}`}
            data-testid={`channel-${i}`}
          >
            <input
              className="input"
              type={address.type}
              inputMode={email ? 'email' : undefined}
              placeholder={address.placeholder}
              aria-label={address.label}
              value={email ? channel.recipients : channel.url}
              onChange={(e) => update(i, email ? { recipients: e.target.value } : { url: e.target.value })}
              aria-invalid={!!error}
            />
            {!email && (
              <>
                <select
                  className="select"
                  aria-label={`Webhook ${i + 1} format`}
                  value={channel.format}
                  onChange={(e) => update(i, { format: e.target.value as 'json' | 'slack' })}
                >
                  <option value="json">JSON (signed)</option>
                  <option value="slack">Slack</option>
                </select>
                <input
                  className="input"
                  type="password"
                  autoComplete="new-password"
                  placeholder={channel.hasSecret ? 'Keep the secret' : 'Secret, 16+ characters'}
                  aria-label={`Webhook ${i + 1} secret`}
                  value={channel.secret}
                  onChange={(e) => update(i, { secret: e.target.value })}
                />
              </>
            )}
            <button
              type="button"
              className="button button-quiet"
              aria-label={`Remove channel ${i + 1}`}
              onClick={() => onChange(channels.filter((_, k) => k !== i))}
            >
              Remove
            </button>
            {error && (
              <span className="field-error channel-error" role="alert">
                {error}
              </span>
            )}
          </div>
        )
      })}
      {channels.length < MAX_CHANNELS && (
        <div className="form-actions">
          <button type="button" className="button button-start" onClick={() => onChange([...channels, newChannel('webhook')])}>
            Add webhook
          </button>
          <button type="button" className="button button-start" onClick={() => onChange([...channels, newChannel('email')])}>
            Add email
          </button>
        </div>
      )}
    </fieldset>
  )
}
