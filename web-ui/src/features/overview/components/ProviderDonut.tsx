import { useMemo } from 'react'
import { Chart } from '@/components/chart/Chart'
import { donutOption } from '@/components/chart/options'
import { useChartTheme } from '@/components/chart/use-chart-theme'
import { Panel } from '@/components/Panel'
import { KNOWN_PROVIDERS } from '@/lib/colors'
import { useDashboardQuery } from '@/lib/use-dashboard-query'
import { useBreakdown } from '../api/get-breakdown'
import { PROVIDERS } from '../first-screen'
import { prepareDonut } from '../prepare/breakdown'
import '@/components/table.css'
import '../overview.css'

/** Cost by provider: a donut, and a legend with share and tokens whose rows filter like the slices do. */
export function ProviderDonut() {
  const { query, addFilter } = useDashboardQuery()
  const breakdown = useBreakdown(query, PROVIDERS)
  const theme = useChartTheme()
  const data = useMemo(() => breakdown.data && prepareDonut(breakdown.data, KNOWN_PROVIDERS, 'providers'), [breakdown.data])
  const option = useMemo(() => data && donutOption(data.items, 'usd', theme), [data, theme])
  return (
    <Panel
      title="Cost by provider"
      status={breakdown}
      empty={data?.empty}
      emptyTitle="No cost in this range"
      testId="chart-providers"
      footer={data?.note ? <p className="note">{data.note}</p> : undefined}
    >
      {() =>
        data &&
        option && (
          <div className="donut">
            <Chart option={option} height={220} label="Cost by provider chart" onSelect={(key) => addFilter('provider', key)} />
            <table className="legend-table">
              <thead>
                <tr>
                  <th scope="col">Provider</th>
                  <th scope="col" className="num">
                    Share
                  </th>
                  <th scope="col" className="num">
                    Tokens
                  </th>
                  <th scope="col" className="num">
                    Cost
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.legend.map((row) => (
                  <tr key={row.label} data-key={row.key ?? ''}>
                    <td>
                      <span className="swatch" style={{ background: row.color }} aria-hidden="true" />
                      {row.selectable && row.key ? (
                        <button type="button" className="link-button" onClick={() => addFilter('provider', row.key!)}>
                          {row.label}
                        </button>
                      ) : (
                        row.label
                      )}
                    </td>
                    <td className="num">{row.share}</td>
                    <td className="num">{row.tokens}</td>
                    <td className="num">{row.cost}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </Panel>
  )
}
