// Fails the build when the JavaScript a first visit loads (the entry script and the chunks
// index.html preloads) is over 250 kB gzip. Lazily loaded chunks (ECharts) are listed apart.
import { readFileSync, readdirSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const LIMIT = 250 * 1024
const dist = new URL('../dist/', import.meta.url)
const html = readFileSync(new URL('index.html', dist), 'utf8')
const initial = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]))
const gzip = (file) => gzipSync(readFileSync(new URL(file, dist))).length
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`

let total = 0
for (const file of initial) {
  total += gzip(file)
}
const lazy = readdirSync(new URL('assets/', dist))
  .filter((name) => name.endsWith('.js') && !initial.has(`assets/${name}`))
  .map((name) => `${name} ${kb(gzip(`assets/${name}`))}`)

console.log(`initial JavaScript: ${kb(total)} gzip in ${initial.size} files (limit ${kb(LIMIT)}); lazy: ${lazy.join(', ')}`)
if (total > LIMIT) {
  console.error('initial JavaScript is over the limit')
  process.exit(1)
}
