/** HTTP from the runner (on the load core): the simulator's control API and single GraphQL requests. */
import { Pool } from 'undici';
import { AUTH_HEADERS } from './auth.js';
import type { Scope } from './scope.js';

export interface HttpResult {
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

export class Http {
  private readonly pools = new Map<string, Pool>();
  private readonly connects = new Map<string, number>();

  constructor(scope: Scope) {
    scope.defer('http pools', () => Promise.all([...this.pools.values()].map((p) => p.destroy())));
  }

  pool(origin: string, connections = 8): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, { connections, pipelining: 1 });
      pool.on('connect', () => this.connects.set(origin, (this.connects.get(origin) ?? 0) + 1));
      this.pools.set(origin, pool);
    }
    return pool;
  }

  /** Connections this client has opened to `origin` (so they can be told apart from the façade's). */
  connectionsOpened(origin: string): number {
    return this.connects.get(origin) ?? 0;
  }

  async request(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<HttpResult> {
    const u = new URL(url);
    const res = await this.pool(u.origin).request({
      method: (init.method ?? 'GET') as 'GET',
      path: u.pathname + u.search,
      headers: init.headers ?? {},
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    const text = await res.body.text();
    return { status: res.statusCode, text, headers: res.headers };
  }
}

export interface SimControl {
  url: string;
  key: string;
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Integrator calls logged since the last `clearRequests()`. */
  requests(): Promise<Array<{ operationId: string; siteId: string | null }>>;
  clearRequests(): Promise<void>;
  stats(): Promise<{ connections: number; requests: number }>;
}

export function simControl(http: Http, sim: { url: string; key: string }): SimControl {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await http.request(sim.url + path, {
      method,
      headers: {
        'ocp-apim-subscription-key': sim.key,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
    return (res.text ? JSON.parse(res.text) : undefined) as T;
  };
  return {
    url: sim.url,
    key: sim.key,
    call,
    requests: () => call('GET', '/_sim/requests'),
    clearRequests: async () => {
      await call('DELETE', '/_sim/requests');
    },
    stats: () => call('GET', '/_sim/stats'),
  };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** One GraphQL POST; throws when the response carries errors. */
export async function gql<T = Record<string, unknown>>(
  http: Http,
  facadeUrl: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const res = await http.request(`${facadeUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...AUTH_HEADERS },
    body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
  });
  const body = JSON.parse(res.text) as GraphQLResponse<T>;
  if (res.status !== 200 || body.errors?.length || !body.data) {
    throw new Error(`GraphQL HTTP ${res.status}: ${JSON.stringify(body.errors ?? body).slice(0, 400)}`);
  }
  return body.data;
}
