import { useMemo } from 'react'
import { zoneLabel } from '@/lib/format'
import { browserZone } from '@/lib/use-dashboard-query'
import '../filters.css'

function allZones(): string[] {
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return [...new Set(['UTC', browserZone, ...supported])]
}

/** Every IANA zone the browser knows, the browser's own first. */
export function ZonePicker({ zone, onChange }: { zone: string; onChange: (zone: string) => void }) {
  const zones = useMemo(() => {
    const list = allZones()
    return list.includes(zone) ? list : [zone, ...list]
  }, [zone])
  return (
    <label className="field zone-field">
      <span className="field-label">Time zone</span>
      <select className="select" value={zone} onChange={(e) => onChange(e.target.value)} data-testid="zone-select">
        <option value={browserZone}>{`${zoneLabel(browserZone)} · browser`}</option>
        {zones
          .filter((z) => z !== browserZone)
          .map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
      </select>
    </label>
  )
}
