import { render } from '@testing-library/react'
import { getInstanceByDom } from 'echarts/core'
import { describe, expect, it } from 'vitest'
import EChart from './EChart'
import { barChartOption, CHART_THEMES } from './options'

function option(values: number[]) {
  return barChartOption({
    categories: values.map((_, i) => ({ key: `k${i}`, label: `k${i}`, selectable: true })),
    series: [{ name: 'Cost', color: '#36c', data: values }],
    format: 'usd',
    theme: CHART_THEMES.light,
  })
}

/** The animation setting of the option the chart last drew with. */
function animation(container: HTMLElement): unknown {
  const instance = getInstanceByDom(container.querySelector<HTMLElement>('.chart')!)!
  return (instance.getOption() as { animation?: unknown }).animation
}

describe('a chart', () => {
  it('draws its first option without animation and animates the changes after it', () => {
    const first = option([1, 2])
    expect(first.animation).not.toBe(false)
    const { container, rerender } = render(<EChart option={first} height={200} label="Cost chart" renderer="svg" />)
    expect(animation(container)).toBe(false)

    rerender(<EChart option={option([3, 4])} height={200} label="Cost chart" renderer="svg" />)
    expect(animation(container)).not.toBe(false)
  })
})
