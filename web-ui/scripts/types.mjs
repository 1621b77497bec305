#!/usr/bin/env node
/**
 * The web UI's API types, generated from the contract: `openapi.json` (kept equal to the query
 * service's served document by its OpenApiDocumentIT) → `src/types/api.ts` with openapi-typescript.
 * `--write` regenerates the file; without it the script fails when the committed file differs
 * from what the document generates, so the build catches types that drifted from the contract.
 */
import { readFile, writeFile } from 'node:fs/promises'
import openapiTS, { astToString } from 'openapi-typescript'

const source = new URL('../openapi.json', import.meta.url)
const target = new URL('../src/types/api.ts', import.meta.url)
const HEADER = `/**
 * GENERATED from web-ui/openapi.json by scripts/types.mjs (openapi-typescript): do not edit.
 * Refresh with \`npm run types:generate\`; \`npm run build\` fails when this file and the document differ.
 */

`

const generated = HEADER + astToString(await openapiTS(source, { alphabetize: true }))
if (process.argv.includes('--write')) {
  await writeFile(target, generated)
  console.log(`wrote ${target.pathname}`)
} else {
  const committed = await readFile(target, 'utf8').catch(() => '')
  if (committed !== generated) {
    console.error(
      'src/types/api.ts differs from what openapi.json generates: run `npm run types:generate` and commit the result ' +
        '(when openapi.json itself is stale, refresh it first as query-service OpenApiDocumentIT says).',
    )
    process.exit(1)
  }
  console.log('src/types/api.ts matches openapi.json')
}
