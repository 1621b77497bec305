import { Skeleton } from '@/components/Skeleton'
import { ErrorState } from '@/components/States'
import type { DashboardQuery } from '@/lib/url-state'
import { useForecast } from '../api/get-forecast'
import { useSummary } from '../api/get-summary'
import { comparisonLabel, prepareCards, prepareForecastCard, prepareForecastCountCards, type CardModel } from '../prepare/cards'
import '../overview.css'

const ARROWS = { up: '▲', down: '▼', flat: '■' } as const

function Card({ card }: { card: CardModel }) {
  return (
    <li className={`card surface card-${card.id}`} data-testid={`card-${card.id}`}>
      <span className="card-label">{card.label}</span>
      <span className="card-value" title={card.exact} data-field="value">
        {card.value}
      </span>
      <span className="card-change">
        {card.change ? (
          <span className={`change change-${card.change.tone}`}>
            <span aria-hidden="true">{ARROWS[card.change.direction]}</span> {card.change.text}
          </span>
        ) : (
          <span className="change change-neutral">no earlier data</span>
        )}
        {card.comparison && <span className="muted"> {card.comparison}</span>}
      </span>
      {card.hint && <span className="card-hint">{card.hint}</span>}
    </li>
  )
}

/** The summary's cards and the projected month-end cost, each with its change. */
export function SummaryCards({ query }: { query: DashboardQuery }) {
  const summary = useSummary(query)
  const forecast = useForecast(query)

  if (summary.isError) {
    return <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
  }
  return (
    <section className="summary" aria-label="Summary">
      <p className="cards-caption muted">Changes {comparisonLabel(query)}</p>
      <ul className={`cards${summary.isFetching && !summary.isPending ? ' is-refreshing' : ''}`} data-testid="cards">
        {summary.isPending
          ? Array.from({ length: 9 }, (_, i) => (
              <li key={i} className="card surface">
                <Skeleton height={72} />
              </li>
            ))
          : prepareCards(summary.data).map((card) => <Card key={card.id} card={card} />)}
        {forecast.isPending ? (
          <li className="card surface card-forecast">
            <Skeleton height={72} />
          </li>
        ) : forecast.isError ? (
          <li className="card surface card-forecast">
            <ErrorState error={forecast.error} onRetry={() => void forecast.refetch()} compact />
          </li>
        ) : (
          [prepareForecastCard(forecast.data), ...prepareForecastCountCards(forecast.data)].map((card) => (
            <Card key={card.id} card={card} />
          ))
        )}
      </ul>
    </section>
  )
}
