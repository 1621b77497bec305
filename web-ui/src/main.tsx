// The global sheets first: every component's own sheet comes after them and may override them.
import './styles.css'
import './components/controls.css'
import { QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { createQueryClient } from './app/query-client'
import { preloadChart } from './components/chart/Chart'
import { applyTheme } from './lib/theme'

applyTheme()
// The overview (the home page) draws charts: ask for their code now, beside the page's scripts. Asked for later,
// it waits behind the panels' API requests for one of the browser's six connections to this host.
if (window.location.pathname === '/' || window.location.pathname === '/index.html') {
  preloadChart()
}
// When the app's first render starts (the bench's dashboard part reads it beside the navigation timing).
performance.mark('tokenmeter:render')

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)
