import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { messageOf, stackOf, orderTicketSchema, type OrderTicket, type Order } from '../../shared';
import {
  MAX_SIGNED_BODY_BYTES,
  type ApiAuthFailureReason,
  type RequestVerifier,
  type SecurityEventSink,
} from '../security/api-auth';
import { isAllowedOrigin } from './origin-checks';

/**
 * The signed automation API (DESIGN.md flow 1, "signed API"): two routes that place orders through
 * the same path as the ticket. Authentication is the request signature of
 * src/main/security/api-auth/signing-scheme.ts, not the session cookie: automation clients are not
 * browsers. The Host header check still applies (server.ts runs it first).
 */

/** URL prefix of the automation API; these paths are the only ones exempt from the session cookie. */
export const API_PREFIX = '/api/';

/** The two routes. */
export const API_ROUTES = {
  orders: '/api/v1/orders',
  signals: '/api/v1/signals',
} as const;

/**
 * Body of POST /api/v1/signals: an order ticket that carries its trade idea. Same fields and rules
 * as POST /api/v1/orders (orderTicketSchema), plus a required `signal`; RISK and KELLY sizing let the
 * trader's risk profile decide the quantity from the signal's stop or edge.
 */
export const apiSignalRequestSchema = orderTicketSchema.superRefine((ticket, ctx) => {
  if (ticket.signal === undefined) {
    ctx.addIssue({ code: 'custom', path: ['signal'], message: 'a signal needs its signal fields (entry, stop, winProbability, payoffRatio, score, signalId)' });
  }
});

/** Places an order for the API (in the terminal: `ticket => engine.submit(ticket, 'API')`). */
export type ApiOrderSubmitter = (ticket: OrderTicket) => Order;

/** What the routes are built from. */
export interface ApiRoutesOptions {
  readonly verifier: RequestVerifier;
  /** Where refused requests are reported (CRITICAL_SECURITY_BREACH). */
  readonly security: SecurityEventSink;
  readonly submit: ApiOrderSubmitter;
  /** Diagnostic sink for unexpected errors. */
  readonly log: (line: string) => void;
}

/** The API's request handler; server.ts calls it for every path under API_PREFIX after the Host check. */
export interface ApiRoutes {
  handle(req: IncomingMessage, res: ServerResponse, context: { readonly port: number; readonly headers: Record<string, string> }): Promise<void>;
}

/** One per-field problem of a 400. */
interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** JSON error body: `{ error: { code, message, reason?, issues? } }`. */
function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>, extra: Record<string, string> = {}): void {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    ...headers,
    ...extra,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(bytes.length),
    'Cache-Control': 'no-store',
  });
  res.end(bytes);
}

type BodyRead = { kind: 'ok'; body: Buffer } | { kind: 'too-large'; bytes: number };

/** Reads the body, stopping at MAX_SIGNED_BODY_BYTES + 1 (never buffers more). */
function readBody(req: IncomingMessage): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_SIGNED_BODY_BYTES) return Promise.resolve({ kind: 'too-large', bytes: declared });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_SIGNED_BODY_BYTES) {
        req.off('data', onData);
        req.pause();
        resolve({ kind: 'too-large', bytes: size });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve({ kind: 'ok', body: Buffer.concat(chunks, size) }));
    req.once('error', reject);
  });
}

const issuesOf = (error: z.ZodError): FieldIssue[] => error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));

/** An engine error carrying an RPC-style code (InvalidOrderTicketError, ...), or undefined. */
function codedError(error: unknown): { code: string; message: string; issues?: readonly FieldIssue[] } | undefined {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return undefined;
  const issues = 'issues' in error && Array.isArray(error.issues) ? (error.issues as FieldIssue[]) : undefined;
  return { code: error.code, message: error.message, ...(issues === undefined ? {} : { issues }) };
}

const STATUS_OF_CODE: Record<string, number> = { BAD_REQUEST: 400, NOT_FOUND: 404, CONFLICT: 409 };

/**
 * The automation API routes. For POST /api/v1/orders and POST /api/v1/signals, in order:
 * 1. unknown path under /api/: 404; another method: 405 (nothing recorded: nothing was attempted);
 * 2. an Origin header other than the app's own: 403 CROSS_ORIGIN (a web page is posting to us);
 * 3. body above 64 KiB: 403 MALFORMED, without buffering it;
 * 4. the signature (RequestVerifier): any failure 403 with its reason; overloaded nonce cache 429;
 * 5. Content-Type not application/json: 415; not UTF-8 JSON, or failing the route's schema: 400 with
 *    one issue per field;
 * 6. the order path (`submit`): 202 with `{ order }` when the order is STAGED for the trader's
 *    approval, 200 with `{ order }` otherwise (the order's status says SUBMITTED, FILLED, DENIED ...);
 *    an engine error with a code: 400 / 404 / 409; anything else 500 (logged, generic message).
 * Every 403 records exactly one CRITICAL_SECURITY_BREACH through `security` and writes nothing else.
 */
export function createApiRoutes(options: ApiRoutesOptions): ApiRoutes {
  const { verifier, security, submit, log } = options;

  const refuse = (
    req: IncomingMessage,
    res: ServerResponse,
    headers: Record<string, string>,
    pathname: string,
    reason: ApiAuthFailureReason | 'CROSS_ORIGIN',
    message: string,
    keyId: string | null,
    extra: Record<string, string> = {},
  ): void => {
    try {
      security.record('CRITICAL_SECURITY_BREACH', {
        reason,
        message,
        method: req.method ?? '',
        path: pathname,
        keyId,
        remoteAddress: req.socket.remoteAddress ?? null,
      });
    } catch (error) {
      log(`api: could not record a security event: ${messageOf(error)}`);
    }
    sendJson(res, 403, { error: { code: 'FORBIDDEN', reason, message } }, headers, extra);
  };

  return {
    async handle(req, res, { port, headers }) {
      const target = req.url ?? '/';
      const { pathname } = new URL(target, `http://localhost:${port}`);
      const route = pathname === API_ROUTES.orders ? 'orders' : pathname === API_ROUTES.signals ? 'signals' : undefined;
      if (route === undefined) {
        return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `no API route ${pathname}; the routes are POST ${API_ROUTES.orders} and POST ${API_ROUTES.signals}` } }, headers);
      }
      if (req.method !== 'POST') {
        return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${pathname} accepts POST only` } }, headers, { Allow: 'POST' });
      }
      const origin = req.headers.origin;
      if (origin !== undefined && !isAllowedOrigin(origin, port)) {
        return refuse(req, res, headers, pathname, 'CROSS_ORIGIN', 'a web page from another origin tried to post to the automation API', null, { Connection: 'close' });
      }
      const read = await readBody(req);
      if (read.kind === 'too-large') {
        refuse(req, res, headers, pathname, 'MALFORMED', `body is larger than ${MAX_SIGNED_BODY_BYTES} bytes`, null, { Connection: 'close' });
        res.once('finish', () => req.destroy());
        return;
      }
      const auth = verifier.verify({ method: req.method, path: target, headers: req.headers, body: read.body });
      if (auth.kind === 'failure') return refuse(req, res, headers, pathname, auth.reason, auth.message, auth.keyId);
      if (auth.kind === 'overloaded') {
        return sendJson(res, 429, { error: { code: 'TOO_MANY_REQUESTS', message: auth.message } }, headers, { 'Retry-After': '1' });
      }

      const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (contentType !== 'application/json') {
        return sendJson(res, 415, { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Content-Type must be application/json' } }, headers);
      }
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(read.body));
      } catch {
        return sendJson(res, 400, { error: { code: 'BAD_REQUEST', message: 'body is not UTF-8 JSON' } }, headers);
      }
      const schema = route === 'orders' ? orderTicketSchema : apiSignalRequestSchema;
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issues = issuesOf(parsed.error);
        return sendJson(
          res,
          400,
          { error: { code: 'BAD_REQUEST', message: `invalid ${route === 'orders' ? 'order' : 'signal'}: ${issues.map((i) => `${i.path || 'body'}: ${i.message}`).join('; ')}`, issues } },
          headers,
        );
      }
      let order: Order;
      try {
        order = submit(parsed.data);
      } catch (error) {
        const coded = codedError(error);
        const status = coded === undefined ? undefined : STATUS_OF_CODE[coded.code];
        if (coded !== undefined && status !== undefined) {
          return sendJson(res, status, { error: { code: coded.code, message: coded.message, ...(coded.issues === undefined ? {} : { issues: coded.issues }) } }, headers);
        }
        log(`api ${pathname} (key ${auth.keyId}) failed: ${stackOf(error)}`);
        return sendJson(res, 500, { error: { code: 'INTERNAL', message: 'internal error in the terminal; details are in its log' } }, headers);
      }
      return sendJson(res, order.status === 'STAGED' ? 202 : 200, { order }, headers);
    },
  };
}
