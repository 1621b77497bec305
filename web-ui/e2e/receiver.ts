/** A webhook receiver of the test's own, on a free port of this machine: it records each POST and answers it. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  path: string
  headers: IncomingHttpHeaders
  body: string
}

export interface Receiver {
  server: Server
  /** `http://127.0.0.1:<port>` */
  base: string
  close: () => Promise<void>
}

/** Starts a receiver that hands each request to `record` and answers it with the status and text `answer` gives. */
export async function startReceiver(record: (request: Received) => void, answer: (path: string) => [number, string]): Promise<Receiver> {
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      const path = request.url ?? ''
      record({ path, headers: request.headers, body })
      const [status, text] = answer(path)
      response.writeHead(status, { 'Content-Type': 'text/plain' }).end(text)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    server,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
