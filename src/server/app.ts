/**
 * The HTTP server: node:http in front of Apollo Server. POST and GET /graphql run operations;
 * a browser's GET /graphql (Accept: text/html) gets the GraphiQL playground. /healthz, /readyz
 * and /metrics are for operators. Every response carries the request's x-request-id.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { createModelServices, servedVersions, type ModelServices } from '../../gnn/services';
import { DomainError } from '../domain/errors';
import { createContext, type Context } from '../graphql/context';
import { useCursorSecret } from '../graphql/cursor';
import { domainExtensions, INTERNAL_MESSAGE } from '../graphql/errors';
import type { Store } from '../store/contract';
import { INTERNAL_PREFIX } from '../store/remote/wire';
import { configuredStore, openStore } from '../store/open';
import { createApollo } from './apollo';
import { dashboardRoute } from '../dashboard/route';
import { answerClientError } from './client-error';
import { applyCors } from './cors';
import type { Authenticator } from './auth/authenticator';
import { createAuthenticator } from './authenticate';
import { handleInternal, requireInternalAccess } from './internal-api';
import { stopServing } from './shutdown';
import { trainCommand, TrainingJobs, type TrainingCommand } from './training-jobs';
import { BodyTooLargeError, readBody } from './body';
import type { Config } from './config';
import { healthz, readyz } from './health';
import { createLogger, type Logger } from './logger';
import { countError, observeDbQuery, observeOperation, registry, setModelVersions } from './metrics';
import { logOperation } from './operation-log';
import { ResponseCache } from './response-cache';
import { modelVersions, type ModelVersionSources } from './model-versions';
import { checkNesting, searchParamsRequest } from './nesting';
import { demoHandle, playgroundHtml } from './playground';
import { createRateLimit } from './rate-limit';
import { REQUEST_ID_HEADER, requestIdOf, withRequestId } from './request-id';

export const GRAPHQL_PATH = '/graphql';

/** Status of a domain error raised before GraphQL runs (authentication, internal API). */
const HTTP_STATUS: Record<DomainError['code'], number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};
/** Far above any real operation, far below what would hurt the process. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** A GraphQL-shaped error response for failures before GraphQL runs. */
function sendError(res: ServerResponse, status: number, message: string, extensions: { code: string }): void {
  countError(extensions.code);
  send(res, status, 'application/json; charset=utf-8', JSON.stringify({ errors: [{ message, extensions }] }));
}

function toHeaderMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

async function parseBody(req: IncomingMessage): Promise<unknown> {
  if (req.method !== 'POST') return undefined;
  const text = await readBody(req, BODY_LIMIT_BYTES);
  // Apollo expects parsed JSON for JSON requests and refuses other content types itself.
  return /\bjson\b/i.test(req.headers['content-type'] ?? '') ? JSON.parse(text) : text;
}

/**
 * Whether Apollo would answer this request's JSON as `application/json` (runHttpQuery's
 * negotiation): no Accept header, or one taking JSON and not naming the GraphQL response type.
 * Others go through Apollo, which negotiates.
 */
function takesPlainJson(accept: string | undefined): boolean {
  return accept === undefined || (!accept.includes('graphql-response') && /\bapplication\/json\b|\*\/\*/.test(accept));
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

interface AppDeps {
  config: Config;
  store: Store;
  apollo: ApolloServer<Context>;
  responses: ResponseCache;
  authenticate: Authenticator;
  logger: Logger;
  models: ModelServices;
  versionSources: ModelVersionSources;
}

function createRequestHandler({ config, store, apollo, responses, authenticate, logger, models, versionSources }: AppDeps) {
  const rateLimit = createRateLimit(config);
  // Pages name a demo user; looked up once the store has one (the seed may still be running).
  let handle = '';
  const demo = async () =>
    (handle ||= await demoHandle(store).catch((err: unknown) => {
      // A convenience: the pages still load, with the handle left blank.
      logger.warn({ err }, 'could not pick a demo user for the playground and dashboard');
      return '';
    }));
  let playground = { handle: '', html: '' };
  const playgroundPage = async () => {
    const h = await demo();
    if (!playground.html || playground.handle !== h) playground = { handle: h, html: playgroundHtml(GRAPHQL_PATH, config.devAuthHeader, h) };
    return playground.html;
  };
  const dashboard = dashboardRoute({ graphqlPath: GRAPHQL_PATH, devHeaders: config.devAuthHeader, demoHandle: demo });

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const started = performance.now();
    const viewer = await authenticate(req.headers);
    const body = await parseBody(req);
    checkNesting(body !== null && typeof body === 'object' ? body : searchParamsRequest(url.searchParams));
    // A repeat of a cached query is answered here, as Apollo would answer it, without Apollo.
    const cached = isRecord(body) && !('extensions' in body) && takesPlainJson(req.headers.accept) ? responses.answer(viewer, body) : undefined;
    if (cached) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(cached.json) });
      res.end(cached.json);
      const seconds = (performance.now() - started) / 1000;
      observeOperation(cached.operationName, 'query', seconds);
      logOperation(logger, { operation: cached.operationName, type: 'query', viewer: viewer?.userId ?? null, ms: Math.round(seconds * 1000), errors: [] });
      return;
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers: toHeaderMap(req), search: url.search, body },
      context: async () => createContext(store, config, viewer, models),
    });
    res.statusCode = response.status ?? 200;
    res.setHeader('cache-control', 'no-store'); // answers are per viewer and change with every write
    for (const [name, value] of response.headers) res.setHeader(name, value);
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/healthz') return healthz(res);
      if (url.pathname === '/readyz') return await readyz(res, store, versionSources, logger);
      if (url.pathname === '/metrics') {
        setModelVersions(await modelVersions(store, versionSources));
        return send(res, 200, registry.contentType, await registry.metrics());
      }
      if (url.pathname.startsWith(INTERNAL_PREFIX)) {
        await requireInternalAccess(req, authenticate, models.training.token);
        return await handleInternal(req, res, url, store);
      }
      if (await dashboard(req, res, url.pathname)) return;
      if (url.pathname !== GRAPHQL_PATH) return sendError(res, 404, `no route for ${url.pathname}`, { code: 'NOT_FOUND' });
      if (applyCors(req, res, config.corsOrigins)) return;
      if (req.method === 'GET' && config.playground && /\btext\/html\b/.test(req.headers.accept ?? '')) {
        return send(res, 200, 'text/html; charset=utf-8', await playgroundPage());
      }
      const wait = rateLimit(req);
      if (wait > 0) {
        res.setHeader('retry-after', String(wait));
        return sendError(res, 429, `too many requests: retry in ${wait} s`, { code: 'RATE_LIMITED' });
      }
      await graphql(req, res, url);
    } catch (err) {
      if (err instanceof DomainError) return sendError(res, HTTP_STATUS[err.code], err.message, domainExtensions(err));
      if (err instanceof BodyTooLargeError) {
        res.setHeader('connection', 'close');
        return sendError(res, 413, err.message, { code: 'BAD_REQUEST' });
      }
      if (err instanceof SyntaxError) return sendError(res, 400, 'request body is not valid JSON', { code: 'BAD_REQUEST' });
      logger.error({ err, method: req.method, url: req.url }, 'request failed');
      if (res.headersSent) res.destroy();
      else sendError(res, 500, INTERNAL_MESSAGE, { code: 'INTERNAL_SERVER_ERROR' });
    }
  }

  return (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = requestIdOf(req);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    return withRequestId(requestId, () => route(req, res));
  };
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:4000/graphql */
  url: string;
  port: number;
  store: Store;
  logger: Logger;
  /** The Bearer token the internal API accepts besides an admin's (its training jobs use it). */
  internalToken: string;
  training: TrainingJobs;
  /**
   * Stops accepting requests, stops training jobs, lets running requests finish within the grace
   * period (then drops their connections); closes the store only if it opened it.
   */
  close(): Promise<void>;
}

/** The configured store as a server uses it: with the query timeout and the query metrics. */
export function openServerStore(config: Config): Promise<Store> {
  return openStore({ ...configuredStore(config), queryTimeoutMs: config.dbQueryTimeoutMs, onQuery: observeDbQuery });
}

/** How long a request (its body included) may take to arrive. */
const REQUEST_BODY_MS = 60 * 60_000;

/** Listens on config.host:config.port (0 picks a free port, as tests do). */
export async function startServer(
  config: Config,
  existingStore?: Store,
  logger = createLogger(config),
  trainingCommand: TrainingCommand = trainCommand,
): Promise<RunningServer> {
  const store = existingStore ?? (await openServerStore(config));
  if (config.cursorSecret) useCursorSecret(config.cursorSecret);
  let port = config.port;
  const training = new TrainingJobs(() => `http://127.0.0.1:${port}`, logger, trainingCommand, config.modelDir);
  const models = createModelServices(store, config.modelRefreshMs, training);
  const versionSources: ModelVersionSources = servedVersions(models);
  // Cached answers follow the store's writes by what they changed, and the models served as a whole.
  const stamp = () => Object.values(versionSources).map((version) => version()).join('|');
  const responses = new ResponseCache({ maxBytes: config.responseCacheMb * 1024 * 1024, stamp, changes: store.changes });
  const apollo = await createApollo(config, logger, responses);
  const handler = createRequestHandler({ config, store, apollo, responses, authenticate: await createAuthenticator(config, store), logger, models, versionSources });
  const server = createServer((req, res) => void handler(req, res));
  // A model publication streams its rows through the internal API while the server writes them:
  // Ciao's recommender (K⁻¹ alone 218 MB) took longer than Node's 5-minute requestTimeout on a
  // busy machine, and trainModel(RECOMMEND) failed after its whole training. Headers still must
  // arrive within headersTimeout (60 s), which is what stops slow-header clients.
  server.requestTimeout = REQUEST_BODY_MS;
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  ({ port } = server.address() as AddressInfo);
  if (config.devAuthHeader && !['127.0.0.1', '::1', 'localhost'].includes(config.host)) {
    logger.warn({ host: config.host }, 'the development header (x-user-id, x-user-roles) is trusted from every client that can reach this address');
  }
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return {
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    port,
    store,
    logger,
    internalToken: models.training.token,
    training,
    async close() {
      await stopServing(server, training, config.shutdownGraceMs, logger);
      await apollo.stop();
      if (!existingStore) await store.close();
    },
  };
}
