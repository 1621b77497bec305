/**
 * wrap(openaiClient): the caller's OpenAI client (the `openai` npm package), every call metered.
 *
 * A Proxy: everything is the client's own, except chat.completions.create and responses.create,
 * which publish one usage event per call (success, error or timeout) when the call settles or its
 * stream ends. The returned APIPromise, the stream and any error reach the caller unchanged; nothing
 * the metering does can throw into the caller's code. A streamed chat completion gets
 * stream_options.include_usage = true unless the caller set include_usage (its last chunk then
 * has the usage and an empty choices array).
 */
import { currentContext, type CallContext } from './context.js'
import { mapOpenAiChatCompletion, mapOpenAiResponse, NO_USAGE, usageEvent, type ProviderCall } from './events.js'
import { Publisher } from './publisher.js'

export interface WrapOptions {
  /** Default: defaultPublisher() (TOKENMETER_INGEST_URL / TOKENMETER_INGEST_KEY). */
  publisher?: Pick<Publisher, 'publish'>
  /** The event's provider, default 'openai' (say 'azure_openai' for an AzureOpenAI client). */
  provider?: string
  /** Omit to let the ingest key decide. */
  tenant?: string
  /** Defaults under what withContext() sets. */
  project?: string
  tags?: Record<string, string>
}

interface Spec {
  endpoint: string
  map: (response: unknown) => ProviderCall
  collect: (item: any, into: { response?: any }) => void
}

const SPECS: Record<string, Spec> = {
  'chat.completions.create': {
    endpoint: 'chat.completions',
    map: mapOpenAiChatCompletion,
    collect(chunk, into) {
      into.response ??= { id: chunk?.id, model: chunk?.model }
      if (chunk?.usage) into.response.usage = chunk.usage
    },
  },
  'responses.create': {
    endpoint: 'responses',
    map: mapOpenAiResponse,
    collect(event, into) {
      if (['response.completed', 'response.incomplete', 'response.failed'].includes(event?.type)) into.response = event.response
    },
  },
}

let fallback: Publisher | undefined

/** The publisher wrap() uses when none is given, made from the environment on first use. */
export function defaultPublisher(): Publisher {
  fallback ??= new Publisher()
  return fallback
}

export function wrap<T extends object>(client: T, options: WrapOptions = {}): T {
  const recorder = new Recorder(options)
  return proxy(client, '', recorder)
}

function proxy<T extends object>(target: T, path: string, recorder: Recorder): T {
  return new Proxy(target, {
    get(object, property) {
      const value: any = Reflect.get(object, property, object)
      if (typeof property !== 'string') return value
      const here = path ? `${path}.${property}` : property
      const spec = SPECS[here]
      if (spec && typeof value === 'function') return recorder.instrument(value, object, spec)
      if (value && typeof value === 'object' && Object.keys(SPECS).some(hook => hook.startsWith(here + '.'))) {
        return proxy(value, here, recorder)
      }
      // the client's own methods use private fields: call them on the client, not on the proxy
      return typeof value === 'function' && path === '' ? value.bind(object) : value
    },
  })
}

class Recorder {
  constructor(private readonly options: WrapOptions) {}

  instrument(method: (...args: any[]) => any, self: object, spec: Spec) {
    return (body: any, ...rest: any[]) => {
      const streaming = Boolean(body?.stream)
      if (streaming && spec.endpoint === 'chat.completions' && body.stream_options?.include_usage === undefined) {
        body = { ...body, stream_options: { ...body.stream_options, include_usage: true } }
      }
      const context = currentContext()
      const started = performance.now()
      const model = typeof body?.model === 'string' ? body.model : undefined
      let result: any
      try {
        result = method.call(self, body, ...rest)
      } catch (error) {
        this.failed(spec, model, context, started, error)
        throw error
      }
      if (typeof result?.then === 'function') {
        result.then(
          (value: any) => streaming ? this.watch(value, spec, model, context, started) : this.succeeded(spec, () => spec.map(value), model, context, started),
          (error: unknown) => this.failed(spec, model, context, started, error))
      }
      return result
    }
  }

  /** Patches the stream's async iterator so that its items are watched as the caller reads them. */
  private watch(stream: any, spec: Spec, model: string | undefined, context: CallContext, started: number) {
    const into: { response?: any } = {}
    let ended = false
    const end = (error?: unknown) => {
      if (ended) return
      ended = true
      if (error !== undefined) this.failed(spec, model, context, started, error)
      else if (into.response?.usage) this.succeeded(spec, () => spec.map(into.response), model, context, started)
      else this.succeeded(spec, () => ({ provider: 'openai', endpoint: spec.endpoint, model: into.response?.model ?? model ?? null, responseId: null, usage: { ...NO_USAGE } }), model, context, started)
    }
    try {
      const iterate = stream[Symbol.asyncIterator].bind(stream)
      stream[Symbol.asyncIterator] = () => {
        const inner = iterate()
        const watched: AsyncIterableIterator<any> = {
          async next() {
            try {
              const step = await inner.next()
              if (step.done) end()
              else {
                try { spec.collect(step.value, into) } catch { /* an unexpected chunk shape is not the caller's problem */ }
              }
              return step
            } catch (error) {
              end(error)
              throw error
            }
          },
          async return(value?: any) {
            end()
            return inner.return ? inner.return(value) : { done: true, value }
          },
          [Symbol.asyncIterator]() { return watched },
        }
        return watched
      }
    } catch (error) {
      console.warn('tokenmeter: could not watch a stream', error)
    }
  }

  private succeeded(spec: Spec, map: () => ProviderCall, model: string | undefined, context: CallContext, started: number) {
    try {
      this.publish(map(), context, started, {})
    } catch (error) {
      console.warn(`tokenmeter: could not record a ${spec.endpoint} call`, error)
    }
  }

  private failed(spec: Spec, model: string | undefined, context: CallContext, started: number, error: unknown) {
    try {
      const e = error as any
      const kind = typeof e?.status === 'number' ? `http_${e.status}` : (e?.constructor?.name ?? 'Error')
      const timeout = /timeout/i.test(`${e?.constructor?.name} ${e?.name}`)
      const call: ProviderCall = { provider: 'openai', endpoint: spec.endpoint, model: model ?? null, responseId: null, usage: { ...NO_USAGE } }
      this.publish(call, context, started, {
        status: timeout ? 'timeout' : 'error',
        error: { type: String(kind).slice(0, 64), message: String(e?.message ?? e).slice(0, 1000) },
      })
    } catch (failure) {
      console.warn(`tokenmeter: could not record a failed ${spec.endpoint} call`, failure)
    }
  }

  private publish(call: ProviderCall, context: CallContext, started: number, outcome: { status?: 'error' | 'timeout', error?: { type: string, message: string } }) {
    const tags = { ...this.options.tags, ...context.tags }
    const event = usageEvent(this.options.tenant, { ...call, provider: this.options.provider ?? call.provider }, {
      project: context.project ?? this.options.project,
      user: context.user,
      apiKey: context.apiKey,
      status: outcome.status ?? 'success',
      error: outcome.error,
      latencyMs: Math.min(3_600_000, Math.max(0, Math.round(performance.now() - started))),
      tags: Object.keys(tags).length > 0 ? tags : undefined,
    })
    ;(this.options.publisher ?? defaultPublisher()).publish(event)
  }
}
