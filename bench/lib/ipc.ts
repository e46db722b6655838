/** Messages between the bench runner and its helper processes (over the Node IPC channel). */

/** Asked of the façade's preload (bench/procs/preload.ts). */
export type PreloadRequest = { id: number; type: 'stats' } | { id: number; type: 'gc' };

export interface PreloadStats {
  /** Calls of the global `fetch` since the process started. */
  fetchCalls: number;
  /** HTTP requests started through any undici dispatcher (diagnostics channel `undici:request:create`). */
  undiciRequests: number;
  cpu: NodeJS.CpuUsage;
  memory: NodeJS.MemoryUsage;
}

export type PreloadReply = { id: number; type: 'stats'; stats: PreloadStats } | { id: number; type: 'gc'; ok: boolean };

/** Asked of the bench façade entry (bench/procs/facade.ts): the app's subscription counters. */
export interface AppStatsRequest {
  id: number;
  type: 'app';
}

export interface AppStatsReply {
  id: number;
  type: 'app';
  live: unknown;
  ws: unknown;
}

/** Asked of the direct page decoder (bench/procs/direct-decode.ts). */
export interface DecodeRequest {
  id: number;
  type: 'decode';
  origin: string;
  key: string;
  siteId: string;
  queryId: string;
  pages: number;
}

export interface DecodeReply {
  id: number;
  type: 'decode';
  rows: number;
  bytes: number;
  ms: number;
  cpuUs: number;
  error?: string;
}
