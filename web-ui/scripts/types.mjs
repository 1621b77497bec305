#!/usr/bin/env node
/**
 * The web UI's API types, generated from the contract: `openapi.json` (kept equal to the query
 * service's served document by its OpenApiDocumentIT) → `src/types/api.ts` with openapi-typescript.
 * The generated file is not committed: `npm ci` (prepare) and `npm run build` write it, so the types
 * cannot drift from the document.
 */
import { writeFile } from 'node:fs/promises'
import openapiTS, { astToString } from 'openapi-typescript'

const source = new URL('../openapi.json', import.meta.url)
const target = new URL('../src/types/api.ts', import.meta.url)
const HEADER = `/**
 * GENERATED from web-ui/openapi.json by scripts/types.mjs (openapi-typescript) on every npm ci and
 * npm run build; not committed, do not edit.
 */

`

await writeFile(target, HEADER + astToString(await openapiTS(source, { alphabetize: true })))
console.log(`wrote ${target.pathname}`)
