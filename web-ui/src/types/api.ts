/**
 * GENERATED from web-ui/openapi.json by scripts/types.mjs (openapi-typescript): do not edit.
 * Refresh with `npm run types:generate`; `npm run build` fails when this file and the document differ.
 */

export interface paths {
    "/api/v1/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["list_6"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/alerts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_4"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/anomalies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's rules of the collection's kind, oldest first */
        get: operations["list_5"];
        put?: never;
        /** Creates a spend anomaly watch */
        post: operations["createAnomaly"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/anomalies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_3"];
        /** Replaces a spend anomaly watch */
        put: operations["replaceAnomaly"];
        post?: never;
        /** Deletes the rule with its notices (deliveries already queued are still attempted) */
        delete: operations["delete_3"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/anomalies/{id}/dry-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What evaluating now would send: the notice and each channel's payload exactly, nothing sent or recorded */
        post: operations["dryRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/anomalies/{id}/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Evaluates the rule now, as the schedule would, raising what is due into the alert outbox */
        post: operations["evaluate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/anomalies/{id}/notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The notices the rule raised, newest first, each with its delivery state per channel */
        get: operations["notices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/anomalies/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sends a message marked as a test ("test": true, subject starting with [TEST]) to one channel now: the notice the rule would send were it due, with the current figures. Nothing is recorded or retried */
        post: operations["test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/budgets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["list_4"];
        put?: never;
        post: operations["create_1"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/budgets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_2"];
        put: operations["replace"];
        post?: never;
        delete: operations["delete_2"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/budgets/{id}/dry-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["dryRun_3"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/budgets/{id}/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["evaluate_3"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/budgets/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/budgets/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["test_3"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/budgets/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/digests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's rules of the collection's kind, oldest first */
        get: operations["list_3"];
        put?: never;
        /** Creates a daily or weekly digest */
        post: operations["createDigest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/digests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get_1"];
        /** Replaces a digest */
        put: operations["replaceDigest"];
        post?: never;
        /** Deletes the rule with its notices (deliveries already queued are still attempted) */
        delete: operations["delete_1"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/digests/{id}/dry-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What evaluating now would send: the notice and each channel's payload exactly, nothing sent or recorded */
        post: operations["dryRun_1"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/digests/{id}/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Evaluates the rule now, as the schedule would, raising what is due into the alert outbox */
        post: operations["evaluate_1"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/digests/{id}/notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The notices the rule raised, newest first, each with its delivery state per channel */
        get: operations["notices_1"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/digests/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sends a message marked as a test ("test": true, subject starting with [TEST]) to one channel now: the notice the rule would send were it due, with the current figures. Nothing is recorded or retried */
        post: operations["test_1"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["job"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["list_2"];
        put?: never;
        post: operations["create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The notices of all the tenant's rules, anomaly watches and digests, newest first, with their delivery state */
        get: operations["allNotices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["list"];
        put: operations["put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prices/aliases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's own provider aliases
         * @description alias -> provider, lower case. The built-in aliases (google_ai, vertex_ai, azure_openai, aws.bedrock, ...) are in GET /prices, providerAliases. Any key that reads the tenant.
         */
        get: operations["aliases"];
        /**
         * Set a provider alias of the tenant
         * @description Body {alias, provider}: events sent with provider alias are priced with provider's prices when no price exists under the name as sent (the tenant's price, then the catalog); events keep the name they were sent with. Names are lower-cased; 400 for a name outside [a-z0-9._:/@-]. Admin key, or the operator key with tenant=. Ingest picks it up within seconds.
         */
        put: operations["putAlias"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prices/aliases/{alias}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a provider alias of the tenant
         * @description 204 when removed, 404 when the tenant has no alias of that name. Admin key, or the operator key with tenant=.
         */
        delete: operations["deleteAlias"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prices/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import prices from an open price file
         * @description The body is LiteLLM's model_prices_and_context_window.json (a JSON object, prices per token) or genai-prices' data.json (a JSON array of providers, prices per 1M tokens). Each model's token prices become per-1M prices rounded half-even to 6 decimals (raw and rounded values are in the answer) and are compared with the tenant's price in force at effectiveFrom (its own, else the built-in catalog's): added, changed (with before), unchanged, or skipped with why. Unless dryRun=true, added and changed prices are saved as the tenant's prices from effectiveFrom, in one transaction; unchanged ones are not written, so a second import of the same file changes nothing. Admin key, or the operator key with tenant=.
         */
        post: operations["importPrices"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prices/reprice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["reprice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/prices/unpriced": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["unpriced"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's rules of the collection's kind, oldest first */
        get: operations["list_1"];
        put?: never;
        /** Creates a usage rule: a measure over a window crossing a threshold, with hysteresis */
        post: operations["createRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["get"];
        /** Replaces a usage rule (fields left out take their defaults; a channel sent with its id and no secret keeps its secret); a rule whose settings changed starts its hysteresis afresh */
        put: operations["replaceRule"];
        post?: never;
        /** Deletes the rule with its notices (deliveries already queued are still attempted) */
        delete: operations["delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules/{id}/dry-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What evaluating now would send: the notice and each channel's payload exactly, nothing sent or recorded */
        post: operations["dryRun_2"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules/{id}/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Evaluates the rule now, as the schedule would, raising what is due into the alert outbox */
        post: operations["evaluate_2"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules/{id}/notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The notices the rule raised, newest first, each with its delivery state per channel */
        get: operations["notices_2"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rules/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sends a message marked as a test ("test": true, subject starting with [TEST]) to one channel now: the notice the rule would send were it due, with the current figures. Nothing is recorded or retried */
        post: operations["test_2"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every tenant with usage or keys, for the operator key only
         * @description Each tenant's name, first and last event, and its requests, tokens and cost in the range (range/from/to/tz, default 7d) under the usual filters; in code point order of names, at most limit (1-1000, default 200) with truncated=true when there are more. Any other key gets 403.
         */
        get: operations["tenants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage/breakdown": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Usage per key of a dimension
         * @description by = provider, model, project, apiKey, endpoint, status, user or tag:<key>; sort = cost (default), requests, tokens, errorRate, latency (average) or lastSeen (most recent first), each descending, ties by cost then key; limit (default 10); percentiles=false skips p95.
         */
        get: operations["breakdown"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage/errors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["errors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The event log, one page at a time
         * @description sort = time (default), cost, totalTokens, inputTokens, outputTokens, latency, project or model (text in code point order); order = desc (default) or asc; ties by time, then id. Events without the sort's value (latency, project, model) come last in both orders. limit <= 500 (default 50); cursor = nextCursor of the previous page, valid only for the same sort and order.
         */
        get: operations["events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage/forecast": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["forecast"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage/periods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["periods"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage/tag-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tag keys seen in the range
         * @description Distinct keys of the events' tags in the range under the filters, in code point order, at most limit (default 1000): the keys a breakdown by tag:<key> or a tag.<key> filter can use. From raw events, so only within their retention.
         */
        get: operations["tagKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Usage per time bucket
         * @description bucket = minute, hour, day (default), week or month; groupBy = a dimension and top (default 10) add one series per top key plus other; compare=previous adds previous: the same buckets' totals for the period of equal length just before the range (no series), in the same answer.
         */
        get: operations["timeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage/values/{dimension}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["values"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AlertBody: {
            asOf: string;
            budget: components["schemas"]["BudgetRef"];
            id: string;
            limit: number;
            period: components["schemas"]["PeriodView"];
            projection: components["schemas"]["ProjectionView"];
            share: number;
            spent: number;
            /** Format: int64 */
            spentTokens: number;
            spentUsd: number;
            tenant: string;
            test: boolean;
            /** Format: int32 */
            threshold: number;
            time: string;
            type: string;
            unit: string;
        };
        AlertEmail: {
            html: string;
            subject: string;
            text: string;
        };
        AlertView: {
            alert: string;
            attempts: components["schemas"]["AttemptView"][];
            budgetId: string;
            deliveries: components["schemas"]["DeliveryView"][];
            delivery: string;
            id: string;
            kind: string;
            notified: boolean;
            /** Format: date-time */
            periodEnd: string;
            /** Format: date-time */
            periodStart: string;
            /** Format: date-time */
            raisedAt: string;
            share: number;
            /** Format: int32 */
            threshold: number;
        };
        Alias: {
            model: string;
            pattern: string;
            provider: string;
        };
        AlreadyRaised: {
            alertId: string;
            kind: string;
            /** Format: int32 */
            threshold: number;
        };
        Amounts: {
            costUsd: number;
            /** Format: int64 */
            requests: number;
            /** Format: int64 */
            totalTokens: number;
        };
        AnomalyWatchRequest: {
            /** @description Webhooks and email recipients, as for budgets; at most 10 */
            channels?: components["schemas"]["BudgetChannelRequest"][] | null;
            /** @default true */
            enabled: boolean | null;
            /**
             * @description day: today's spend so far against the same weekday up to the same time; hour: this hour so far
             * @default day
             * @enum {string|null}
             */
            granularity: "day" | "hour" | null;
            /**
             * @description Alert above mean + k x spread of the last 4 weeks (0.5-20)
             * @default 3
             */
            k: number | null;
            /**
             * @description Never alert below this spend in USD
             * @default 10
             */
            minSpendUsd: number | null;
            name: string;
            /**
             * @description The contract's filters, each a string or a list of strings: provider, model, project, apiKey, endpoint, status, user, serviceTier, tag.<key>; {} or absent is the whole tenant; e.g. one project
             * @example {
             *       "project": [
             *         "support-bot"
             *       ]
             *     }
             */
            scope?: {
                [key: string]: string[];
            } | null;
            /**
             * @description IANA zone of the day boundaries
             * @default UTC
             */
            tz: string | null;
        };
        Answer: {
            allowed: boolean;
            budget?: components["schemas"]["Deciding"] | null;
            /** Format: int32 */
            matched: number;
            remaining?: number | null;
            /** Format: date-time */
            resetsAt?: string | null;
            unit?: string | null;
        };
        AttemptView: {
            /** Format: date-time */
            at: string;
            /** Format: int32 */
            attempt: number;
            channelId: string;
            error?: string | null;
            ok: boolean;
            /** Format: int32 */
            statusCode?: number | null;
            url: string;
        };
        Breakdown: {
            by: string;
            other?: components["schemas"]["Row"] | null;
            rows: components["schemas"]["Row"][];
            sort: string;
            total: components["schemas"]["Row"];
        };
        BudgetChannelRequest: {
            /**
             * @default json
             * @enum {string|null}
             */
            format: "json" | "slack" | null;
            /** @description An existing channel of the budget (PUT): without a secret it keeps its secret */
            id?: string | null;
            /** @description For type email: 1-20 recipient addresses (sent over the operator's SMTP server, spring.mail.*) */
            recipients?: string[] | null;
            /** @description Signs deliveries (X-Tokenmeter-Signature); required for json, optional for slack; never returned */
            secret?: string | null;
            /**
             * @default webhook
             * @enum {string|null}
             */
            type: "webhook" | "email" | null;
            /** @description Required for a webhook (not for email): an https URL of a public host; http and non-public addresses only for hosts in the operator's tokenmeter.outbound.allow. Shown masked (scheme, host, port) to viewers */
            url?: string | null;
        };
        BudgetRef: {
            id: string;
            name: string;
            scope: {
                [key: string]: string[];
            };
        };
        BudgetRequest: {
            /** @description Webhooks and email recipients, at most 10 channels */
            channels?: components["schemas"]["BudgetChannelRequest"][] | null;
            /**
             * @description Alert when, at the current pace, the limit will be crossed before the period ends
             * @default true
             */
            forecast: boolean | null;
            /**
             * @description A hard budget: GET /budgets/check answers allowed=false for calls in its scope once its limit is reached
             * @default false
             */
            hard: boolean | null;
            /**
             * Format: int64
             * @description The limit in tokens (input + output); give exactly one of limitUsd and limitTokens
             */
            limitTokens?: number | null;
            /** @description The limit in USD; give exactly one of limitUsd and limitTokens */
            limitUsd?: number | null;
            name: string;
            /**
             * @description perThreshold: each threshold once per period; daily: at most one notification per budget per 24 h (the highest threshold crossed; lower ones crossed with it are recorded as covered)
             * @default perThreshold
             * @enum {string|null}
             */
            notify: "perThreshold" | "daily" | null;
            /**
             * @description From local midnight; a week starts on Monday, a month on the 1st
             * @enum {string}
             */
            period: "day" | "week" | "month";
            /**
             * @description The contract's filters, each a string or a list of strings: provider, model, project, apiKey, endpoint, status, user, serviceTier, tag.<key>. Values of one filter are OR-ed, filters AND-ed; {} or absent is the whole tenant
             * @example {
             *       "model": [
             *         "gpt-4o"
             *       ],
             *       "project": [
             *         "support-bot"
             *       ]
             *     }
             */
            scope?: {
                [key: string]: string[];
            } | null;
            /**
             * @description Percents of the limit that raise an alert, 1-1000, at most 10
             * @default [
             *       50,
             *       80,
             *       100
             *     ]
             */
            thresholds: number[] | null;
            /**
             * @description IANA time zone of the period's boundaries
             * @default UTC
             */
            tz: string | null;
        };
        BudgetView: {
            channels: components["schemas"]["ChannelView"][];
            /** Format: date-time */
            createdAt: string;
            forecast: boolean;
            hard: boolean;
            id: string;
            /** Format: int64 */
            limitTokens?: number | null;
            limitUsd?: number | null;
            name: string;
            notify: string;
            period: string;
            scope: {
                [key: string]: string[];
            };
            tenant: string;
            thresholds: number[];
            tz: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ChannelView: {
            format: string;
            hasSecret: boolean;
            id: string;
            recipients?: string[] | null;
            type: string;
            url?: string | null;
        };
        Counts: {
            /** Format: int32 */
            added: number;
            /** Format: int32 */
            changed: number;
            /** Format: int32 */
            skipped: number;
            /** Format: int32 */
            unchanged: number;
        };
        Created: {
            /** Format: date-time */
            createdAt: string;
            id: string;
            name: string;
            role: string;
            secret: string;
            tenant: string;
        };
        DataBuffer: unknown;
        Deciding: {
            /** Format: date-time */
            evaluatedAt?: string | null;
            id: string;
            limit: number;
            name: string;
            /** Format: date-time */
            periodEnd: string;
            /** Format: date-time */
            periodStart: string;
            spent: number;
        };
        DeliveryView: {
            /** Format: int32 */
            attempts: number;
            channelId: string;
            /** Format: date-time */
            deliveredAt?: string | null;
            format: string;
            id: string;
            /** Format: date-time */
            lastAttemptAt?: string | null;
            lastError?: string | null;
            lastResponse?: string | null;
            /** Format: int32 */
            lastStatusCode?: number | null;
            /** Format: date-time */
            nextAttemptAt?: string | null;
            state: string;
            url: string;
        };
        DigestRequest: {
            /**
             * @description Local send time HH:MM
             * @default 09:00
             */
            at: string | null;
            /**
             * @description daily: yesterday vs the day before; weekly: the 7 days before the send day vs the 7 before those
             * @default weekly
             * @enum {string|null}
             */
            cadence: "daily" | "weekly" | null;
            /** @description Webhooks and email recipients, as for budgets; at most 10 */
            channels?: components["schemas"]["BudgetChannelRequest"][] | null;
            /**
             * @description Weekday of a weekly digest
             * @default monday
             */
            day: string | null;
            /** @default true */
            enabled: boolean | null;
            name: string;
            /** @description The contract's filters, each a string or a list of strings: provider, model, project, apiKey, endpoint, status, user, serviceTier, tag.<key>; {} or absent is the whole tenant */
            scope?: {
                [key: string]: string[];
            } | null;
            /**
             * Format: int32
             * @description How many projects and how many models to list as top movers, 0-20
             * @default 5
             */
            topMovers: number | null;
            /**
             * @description IANA zone of the send time and the period's days
             * @default UTC
             * @example Europe/Berlin
             */
            tz: string | null;
        };
        Distinct: {
            /** Format: int64 */
            apiKeys: number;
            /** Format: int64 */
            endpoints: number;
            /** Format: int64 */
            models: number;
            /** Format: int64 */
            projects: number;
        };
        DryRun: {
            alreadyRaised: components["schemas"]["AlreadyRaised"][];
            sample?: components["schemas"]["WouldSend"] | null;
            status: components["schemas"]["StatusView"];
            wouldSend: components["schemas"]["WouldSend"][];
        };
        Entry: {
            cachedInput?: number | null;
            cacheWrite?: number | null;
            /** Format: date-time */
            effectiveFrom: string;
            endpoint?: string | null;
            input: number;
            output: number;
            reasoning?: number | null;
            reference: string;
            serviceTiers: {
                [key: string]: {
                    [key: string]: number;
                };
            };
            source: string;
            tiers: components["schemas"]["Tier"][];
            units: {
                [key: string]: number;
            };
            url?: string | null;
        };
        EvaluateView: {
            /** Format: int32 */
            raised: number;
            status: components["schemas"]["StatusView"];
        };
        EventPage: {
            items: components["schemas"]["LogEvent"][];
            nextCursor?: string | null;
            /** Format: int64 */
            totalCount: number;
        };
        Failure: {
            message?: string | null;
            type?: string | null;
        };
        ImportedAmount: {
            /**
             * @description USD per 1 000 000 tokens, rounded half-even to 6 decimals
             * @example 0.3
             */
            perMillion: number;
            /**
             * @description The number in the file, in the file's unit, exactly as read
             * @example 3.0000000000000004E-7
             */
            raw: string;
            /** @description Whether rounding changed the value */
            rounded: boolean;
        };
        Item: {
            current?: components["schemas"]["Entry"] | null;
            history: components["schemas"]["Entry"][];
            model: string;
            provider: string;
            source: string;
        };
        Job: {
            /** Format: date-time */
            createdAt: string;
            /** Format: int32 */
            daysDone: number;
            /** Format: int32 */
            daysTotal: number;
            error?: string | null;
            /** Format: int64 */
            eventsDone: number;
            /** Format: int64 */
            eventsRepriced: number;
            /** Format: int64 */
            eventsTotal: number;
            /** Format: date-time */
            finishedAt?: string | null;
            /** Format: date-time */
            from: string;
            id: string;
            /** Format: double */
            progress: number;
            /** Format: date-time */
            startedAt?: string | null;
            state: string;
            tenant: string;
            /** Format: date-time */
            to: string;
            type: string;
        };
        KeyRequest: {
            name?: string | null;
            role?: string | null;
            tenant?: string | null;
        };
        Listed: {
            /** Format: date-time */
            createdAt: string;
            id: string;
            /** Format: date-time */
            lastUsedAt?: string | null;
            name: string;
            /** Format: date-time */
            revokedAt?: string | null;
            role: string;
            tenant: string;
        };
        LogEvent: {
            apiKey?: string | null;
            costSource: string;
            costUsd: number;
            endpoint: string;
            error?: components["schemas"]["Failure"] | null;
            id: string;
            /** Format: int32 */
            latencyMs?: number | null;
            model?: string | null;
            priced: boolean;
            priceRef?: string | null;
            project?: string | null;
            provider: string;
            serviceTier: string;
            status: string;
            tags: {
                [key: string]: unknown;
            };
            tenant: string;
            /** Format: date-time */
            time: string;
            /** Format: int64 */
            totalTokens: number;
            unitCosts?: {
                [key: string]: unknown;
            } | null;
            usage: components["schemas"]["Tokens"];
            user?: string | null;
        };
        Model: {
            endpoint?: string | null;
            /** Format: int64 */
            events: number;
            /** Format: date-time */
            firstSeen: string;
            /** Format: int64 */
            inputTokens: number;
            /** Format: date-time */
            lastSeen: string;
            model?: string | null;
            /** Format: int64 */
            outputTokens: number;
            pricedNow: boolean;
            provider: string;
            /** Format: int64 */
            totalTokens: number;
        };
        MultiValueMapStringString: {
            all?: {
                [key: string]: string;
            };
            empty?: boolean;
        } & {
            [key: string]: string[];
        };
        NoticeDryRun: {
            alreadyRaised: boolean;
            status: {
                [key: string]: unknown;
            };
            wouldSend?: components["schemas"]["NoticeWouldSend"] | null;
        };
        NoticePreview: {
            body: string;
            channelId: string;
            format: string;
            headers: {
                [key: string]: string;
            };
            url: string;
        };
        NoticeView: {
            deliveries: components["schemas"]["State"][];
            id: string;
            notice: unknown;
            occurrence: string;
            /** Format: date-time */
            raisedAt: string;
            ruleId: string;
            type: string;
        };
        NoticeWouldSend: {
            deliveries: components["schemas"]["NoticePreview"][];
            notice: unknown;
            type: string;
        };
        Page: {
            items: components["schemas"]["Listed"][];
        };
        PageAlertView: {
            items: components["schemas"]["AlertView"][];
        };
        PageBudgetView: {
            items: components["schemas"]["BudgetView"][];
        };
        PageMapStringObject: {
            items: {
                [key: string]: unknown;
            }[];
        };
        PageNoticeView: {
            items: components["schemas"]["NoticeView"][];
        };
        Periods: {
            allTime: components["schemas"]["PeriodTotals"];
            thisMonth: components["schemas"]["PeriodTotals"];
            thisWeek: components["schemas"]["PeriodTotals"];
            today: components["schemas"]["PeriodTotals"];
            tz: string;
        };
        PeriodTotals: {
            costUsd: number;
            /** Format: int64 */
            requests: number;
            /** Format: int64 */
            totalTokens: number;
        };
        PeriodView: {
            end: string;
            start: string;
            tz: string;
            unit: string;
        };
        Point: {
            /** Format: double */
            avgLatencyMs?: number | null;
            /** Format: int64 */
            cachedInputTokens: number;
            /** Format: int64 */
            cacheWriteTokens: number;
            costUsd: number;
            end: string;
            /** Format: int64 */
            errors: number;
            /** Format: int64 */
            inputTokens: number;
            /** Format: int64 */
            outputTokens: number;
            /** Format: double */
            p95LatencyMs?: number | null;
            /** Format: int64 */
            reasoningTokens: number;
            /** Format: int64 */
            requests: number;
            start: string;
            /** Format: int64 */
            successes: number;
            /** Format: int64 */
            timeouts: number;
            /** Format: int64 */
            totalTokens: number;
            /** Format: int64 */
            unpricedRequests: number;
        };
        Preview: {
            body: string;
            channelId: string;
            email?: components["schemas"]["AlertEmail"] | null;
            format: string;
            headers: {
                [key: string]: string;
            };
            to?: string[] | null;
            url: string;
        };
        PreviousPeriod: {
            buckets: components["schemas"]["Point"][];
            from: string;
            to: string;
        };
        /** @description A tenant's price: {provider, model | endpoint, effectiveFrom, input, output, cachedInput?, cacheWrite?, reasoning?, serviceTiers?, units?} */
        PriceBody: {
            /** @description cache reads; default: input */
            cachedInput?: number | null;
            /** @description cache writes; default: input */
            cacheWrite?: number | null;
            /**
             * @description RFC 3339 instant, or a date YYYY-MM-DD (midnight UTC), 1970-2199
             * @example 2026-01-01
             */
            effectiveFrom: string;
            /** @description only for a price of calls without a model: the endpoint it prices */
            endpoint?: string | null;
            /** @description required with a model */
            input?: number | null;
            /** @description the model; omit it and name the endpoint for calls without a model */
            model?: string | null;
            /** @description required with a model */
            output?: number | null;
            provider: string;
            /** @description reasoning tokens; default: output */
            reasoning?: number | null;
            /** @description prices of the batch, flex or priority tier; a tier without its own price uses these */
            serviceTiers?: {
                [key: string]: components["schemas"]["TierPriceBody"];
            } | null;
            /** @description USD per ONE unit of a usage.units entry (e.g. webSearches, images), the same on every tier */
            units?: {
                [key: string]: number;
            } | null;
        };
        PriceImportBefore: {
            cachedInput?: number | null;
            cacheWrite?: number | null;
            /** Format: date-time */
            effectiveFrom: string;
            input: number;
            output: number;
            reasoning?: number | null;
            serviceTiers: {
                [key: string]: {
                    [key: string]: number;
                };
            };
            /** @enum {string} */
            source: "builtin" | "override";
            units: {
                [key: string]: number;
            };
        };
        PriceImportItem: {
            before?: components["schemas"]["PriceImportBefore"] | null;
            /** @description The entry's name in the file */
            key: string;
            model: string;
            /** @description input, output and, when the file gives them, cachedInput, cacheWrite, reasoning */
            prices: {
                [key: string]: components["schemas"]["ImportedAmount"];
            };
            provider: string;
            /** @description Per service tier (batch, flex, priority) the file gives: its input, output and cache prices per 1M tokens */
            serviceTiers: {
                [key: string]: {
                    [key: string]: components["schemas"]["ImportedAmount"];
                };
            };
            /** @description USD per one unit (images, audioInputTokens, ...), exactly as the file gives it */
            units: {
                [key: string]: number;
            };
        };
        PriceImportResult: {
            /** @description Models without a price in force for the tenant at effectiveFrom */
            added: components["schemas"]["PriceImportItem"][];
            /** @description Models whose price in force differs; before shows it */
            changed: components["schemas"]["PriceImportItem"][];
            counts: components["schemas"]["Counts"];
            /** @description true: nothing was written; false: added and changed prices were saved */
            dryRun: boolean;
            /** Format: date-time */
            effectiveFrom: string;
            /** @enum {string} */
            format: "litellm" | "genai-prices";
            /** @description Entries, or parts of entries ('key [batch]', 'key [units]'), not imported, each with why */
            skipped: components["schemas"]["Skipped"][];
            /** @description Models whose price in force is already the file's (fallbacks resolved); not written */
            unchanged: components["schemas"]["PriceImportItem"][];
        };
        PriceList: {
            aliases: components["schemas"]["Alias"][];
            /** Format: date-time */
            asOf: string;
            items: components["schemas"]["Item"][];
            providerAliases: components["schemas"]["ProviderAliasList"];
        };
        Projection: {
            costUsd: number;
            high: components["schemas"]["Amounts"];
            low: components["schemas"]["Amounts"];
            /** Format: int64 */
            requests: number;
            /** Format: int64 */
            totalTokens: number;
        };
        ProjectionView: {
            crossingAt?: string | null;
            /** Format: double */
            elapsedShare: number;
            endOfPeriod: number;
            exceedsLimit: boolean;
            method: string;
            share: number;
        };
        ProviderAlias: {
            alias: string;
            provider: string;
        };
        ProviderAliasList: {
            builtin: {
                [key: string]: string;
            };
            byModelPrefix: {
                [key: string]: {
                    [key: string]: string;
                };
            };
            tenant: {
                [key: string]: string;
            };
        };
        RecentErrors: {
            items: components["schemas"]["LogEvent"][];
        };
        RepriceBody: {
            from: string;
            to: string;
        };
        Row: {
            /** Format: double */
            avgLatencyMs?: number | null;
            costUsd: number;
            /** Format: double */
            errorRate: number;
            /** Format: int64 */
            errors: number;
            /** Format: int64 */
            inputTokens: number;
            key?: string | null;
            /** Format: date-time */
            lastSeen?: string | null;
            /** Format: int64 */
            outputTokens: number;
            /** Format: double */
            p95LatencyMs?: number | null;
            /** Format: int64 */
            requests: number;
            /** Format: double */
            share: number;
            /** Format: int64 */
            successes: number;
            /** Format: int64 */
            totalTokens: number;
            units: {
                [key: string]: components["schemas"]["UnitTotal"];
            };
        };
        RuleEvaluateView: {
            /** Format: int32 */
            raised: number;
            status: {
                [key: string]: unknown;
            };
        };
        Series: {
            key?: string | null;
            other: boolean;
            points: components["schemas"]["Point"][];
        };
        Skipped: {
            key: string;
            reason: string;
        };
        State: {
            /** Format: int32 */
            attempts: number;
            channelId: string;
            /** Format: date-time */
            deliveredAt?: string | null;
            deliveryId: string;
            format: string;
            /** Format: date-time */
            lastAttemptAt?: string | null;
            lastError?: string | null;
            /** Format: int32 */
            lastStatusCode?: number | null;
            noticeId: string;
            state: string;
        };
        StatusView: {
            asOf: string;
            budgetId: string;
            limit: number;
            limitReached: boolean;
            name: string;
            period: components["schemas"]["PeriodView"];
            projection: components["schemas"]["ProjectionView"];
            /** Format: int64 */
            requests: number;
            share: number;
            spent: number;
            /** Format: int64 */
            spentTokens: number;
            spentUsd: number;
            thresholds: number[];
            thresholdsCrossed: number[];
            unit: string;
        };
        Summary: {
            /** Format: double */
            avgLatencyMs?: number | null;
            /** Format: int64 */
            cachedInputTokens: number;
            /** Format: int64 */
            cacheWriteTokens: number;
            costUsd: number;
            distinct: components["schemas"]["Distinct"];
            /** Format: double */
            errorRate: number;
            /** Format: int64 */
            errors: number;
            /** Format: int64 */
            inputTokens: number;
            /** Format: int64 */
            outputTokens: number;
            /** Format: double */
            p50LatencyMs?: number | null;
            /** Format: double */
            p95LatencyMs?: number | null;
            /** Format: double */
            p99LatencyMs?: number | null;
            previous?: components["schemas"]["Summary"] | null;
            /** Format: int64 */
            reasoningTokens: number;
            /** Format: int64 */
            requests: number;
            /** Format: int64 */
            successes: number;
            /** Format: int64 */
            timeouts: number;
            /** Format: int64 */
            totalTokens: number;
            units: {
                [key: string]: components["schemas"]["UnitTotal"];
            };
            /** Format: int64 */
            unpricedRequests: number;
        };
        TagKeys: {
            keys: string[];
        };
        TenantList: {
            /** Format: date-time */
            from: string;
            tenants: components["schemas"]["TenantUsage"][];
            /** Format: date-time */
            to: string;
            truncated: boolean;
        };
        TenantUsage: {
            costUsd: number;
            /** Format: date-time */
            firstSeen?: string | null;
            /** Format: date-time */
            lastSeen?: string | null;
            name: string;
            /** Format: int64 */
            requests: number;
            /** Format: int64 */
            totalTokens: number;
        };
        TestSend: {
            channelId: string;
            delivered: boolean;
            deliveryId: string;
            error?: string | null;
            format: string;
            response?: string | null;
            /** Format: int32 */
            statusCode?: number | null;
        };
        Tier: {
            /** Format: int64 */
            aboveInputTokens: number;
            cachedInput?: number | null;
            cacheWrite?: number | null;
            input: number;
            output: number;
            reasoning?: number | null;
        };
        TierPriceBody: {
            cachedInput?: number | null;
            cacheWrite?: number | null;
            input?: number | null;
            multiplier?: number | null;
            output?: number | null;
            reasoning?: number | null;
        };
        Timeline: {
            bucket: string;
            buckets: components["schemas"]["Point"][];
            from: string;
            previous?: components["schemas"]["PreviousPeriod"] | null;
            series?: components["schemas"]["Series"][] | null;
            to: string;
            tz: string;
        };
        Tokens: {
            /** Format: int64 */
            cachedInputTokens: number;
            /** Format: int64 */
            cacheWriteTokens: number;
            /** Format: int64 */
            inputTokens: number;
            /** Format: int64 */
            outputTokens: number;
            /** Format: int64 */
            reasoningTokens: number;
            units?: {
                [key: string]: unknown;
            } | null;
        };
        UnitTotal: {
            costUsd: number;
            quantity: number;
            unpricedQuantity: number;
        };
        Unpriced: {
            items: components["schemas"]["Model"][];
            units: components["schemas"]["UnpricedUnit"][];
        };
        UnpricedUnit: {
            endpoint?: string | null;
            /** Format: int64 */
            events: number;
            model?: string | null;
            provider: string;
            quantity: number;
            unit: string;
        };
        UsageRuleRequest: {
            /** @description Webhooks and email recipients, as for budgets; at most 10 */
            channels?: components["schemas"]["BudgetChannelRequest"][] | null;
            /**
             * Format: int32
             * @description Consecutive evaluations past the clear threshold before resolving, 1-100
             * @default 1
             */
            clearAfter: number | null;
            /** @description Resolves only when the measure is back at or below it (above) / at or above it (below); defaults to the threshold. Between the two nothing changes (hysteresis) */
            clearThreshold?: number | null;
            /**
             * @description above: fires when the measure is greater than the threshold; below: less than
             * @default above
             * @enum {string|null}
             */
            comparison: "above" | "below" | null;
            /** @default true */
            enabled: boolean | null;
            /**
             * @description errorRate is 0-1 (errors and timeouts per request)
             * @enum {string}
             */
            measure: "errorRate" | "p95LatencyMs" | "requests" | "tokensPerRequest" | "unpricedRequests" | "costUsd";
            name: string;
            /**
             * @description The contract's filters, each a string or a list of strings: provider, model, project, apiKey, endpoint, status, user, serviceTier, tag.<key>; {} or absent is the whole tenant
             * @example {
             *       "project": [
             *         "support-bot"
             *       ]
             *     }
             */
            scope?: {
                [key: string]: string[];
            } | null;
            /**
             * @description 0-1 for errorRate, else at least 0 (at most 1e12)
             * @example 0.05
             */
            threshold: number;
            /**
             * @description How far back each evaluation looks: whole minutes from 5m to 1d (5m, 15m, 1h, 1d)
             * @example 15m
             */
            window: string;
        };
        Values: {
            dimension: string;
            values: string[];
        };
        View: {
            asOf: string;
            from: string;
            lastMonth: components["schemas"]["Amounts"];
            method: string;
            month: string;
            monthToDate: components["schemas"]["Amounts"];
            projectedMonthEnd: components["schemas"]["Projection"];
            to: string;
            tz: string;
        };
        WouldSend: {
            alert: components["schemas"]["AlertBody"];
            kind: string;
            requests: components["schemas"]["Preview"][];
            /** Format: int32 */
            threshold: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    list_6: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["PageAlertView"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    get_4: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["AlertView"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    list_5: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["PageMapStringObject"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    createAnomaly: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AnomalyWatchRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    get_3: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    replaceAnomaly: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AnomalyWatchRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    delete_3: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    dryRun: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["NoticeDryRun"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    evaluate: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["RuleEvaluateView"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    notices: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["PageNoticeView"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    test: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["TestSend"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    list_4: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["PageBudgetView"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    create_1: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BudgetRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["BudgetView"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    get_2: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["BudgetView"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    replace: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BudgetRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["BudgetView"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    delete_2: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    dryRun_3: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["DryRun"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    evaluate_3: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["EvaluateView"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    status: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["StatusView"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    test_3: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["TestSend"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    check: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["Answer"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    list_3: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["PageMapStringObject"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    createDigest: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DigestRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    get_1: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    replaceDigest: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DigestRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    delete_1: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    dryRun_1: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["NoticeDryRun"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    evaluate_1: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["RuleEvaluateView"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    notices_1: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["PageNoticeView"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    test_1: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["TestSend"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    job: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["Job"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    list_2: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["Page"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    create: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KeyRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["Created"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    revoke: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    allNotices: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["PageNoticeView"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    list: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["PriceList"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    put: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PriceBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["Item"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    aliases: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": {
                        [key: string]: string;
                    };
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    putAlias: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProviderAlias"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["ProviderAlias"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    deleteAlias: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                alias: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    importPrices: {
        parameters: {
            query: {
                /** @description true: answer the diff and write nothing. Default false: the diff is applied */
                dryRun?: boolean;
                /** @description From when the imported prices apply: an RFC 3339 instant, or a date YYYY-MM-DD (midnight UTC) */
                effectiveFrom: string;
                /** @description The file's format; absent, a JSON array is genai-prices and a JSON object LiteLLM */
                format?: "litellm" | "genai-prices";
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The price file, as published */
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["PriceImportResult"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    reprice: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RepriceBody"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["Job"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    unpriced: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["Unpriced"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    list_1: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["PageMapStringObject"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    createRule: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UsageRuleRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    get: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    replaceRule: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UsageRuleRequest"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    delete: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    dryRun_2: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["NoticeDryRun"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    evaluate_2: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["RuleEvaluateView"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    notices_2: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["PageNoticeView"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    test_2: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["TestSend"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    tenants: {
        parameters: {
            query: {
                params: components["schemas"]["MultiValueMapStringString"];
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["TenantList"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    breakdown: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["Breakdown"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    errors: {
        parameters: {
            query: {
                params: components["schemas"]["MultiValueMapStringString"];
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["RecentErrors"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    events: {
        parameters: {
            query: {
                params: components["schemas"]["MultiValueMapStringString"];
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["EventPage"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    export: {
        parameters: {
            query: {
                params: components["schemas"]["MultiValueMapStringString"];
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["DataBuffer"][];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    forecast: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["View"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    periods: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["Periods"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    summary: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["Summary"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    tagKeys: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["TagKeys"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    timeline: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["Timeline"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    values: {
        parameters: {
            query?: {
                /** @description With the operator key, the tenant to act on; any other key may only name its own */
                tenant?: string;
            };
            header?: never;
            path: {
                dimension: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": components["schemas"]["Values"];
                };
            };
            /** @description No API key, or an unknown or revoked one (problem details) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An ingest key, a key naming another tenant, or a role that may not do this (problem details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
