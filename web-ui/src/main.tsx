// The global sheets first: every component's own sheet comes after them and may override them.
import './styles.css'
import './components/controls.css'
import { QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { createQueryClient } from './app/query-client'
import { applyTheme } from './lib/theme'

applyTheme()
// When the app's first render starts (the bench's dashboard part reads it beside the navigation timing).
performance.mark('tokenmeter:render')

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)
