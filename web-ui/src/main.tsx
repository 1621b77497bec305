// The global sheets first: every component's own sheet comes after them and may override them.
import './styles.css'
import './components/controls.css'
import { QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { createQueryClient } from './app/query-client'
import { startPageRequests } from './app/start-requests'
import { preloadChart } from './components/chart/Chart'
import { applyTheme } from './lib/theme'

applyTheme()
// The overview (the home page) draws charts: ask for their code now, beside the page's scripts. Asked for later,
// it waits behind the panels' API requests for one of the browser's six connections to this host.
if (window.location.pathname === '/' || window.location.pathname === '/index.html') {
  preloadChart()
}
const client = createQueryClient()
// The first screen's requests leave now, not from the panels' effects after the first render.
startPageRequests(client)
// When the app's first render starts (the bench's dashboard part reads it beside the navigation timing).
performance.mark('tokenmeter:render')

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)
