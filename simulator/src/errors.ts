import { STATUS_CODES } from 'node:http';

/** The spec's general error envelope: `{ error: { status, statusText, message } }`. */
export interface HaloErrorBody {
  error: { status: number; statusText: string; message: string };
}

/** API Management's gateway envelope: `{ statusCode, message }`. */
export interface ApimErrorBody {
  statusCode: number;
  message: string;
}

/** A failure a route handler throws; the server turns it into the right envelope. */
export class SimHttpError extends Error {
  readonly status: number;
  readonly shape: 'halo' | 'apim' | 'raw';
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
  constructor(
    status: number,
    message: string,
    options: { shape?: 'halo' | 'apim'; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'SimHttpError';
    this.status = status;
    this.shape = options.body !== undefined ? 'raw' : (options.shape ?? 'halo');
    this.body = options.body;
    this.headers = options.headers ?? {};
  }

  toBody(): unknown {
    if (this.shape === 'raw') return this.body;
    if (this.shape === 'apim') return apimError(this.status, this.message);
    return haloError(this.status, this.message);
  }
}

export function haloError(status: number, message: string): HaloErrorBody {
  return { error: { status, statusText: STATUS_CODES[status] ?? 'Error', message } };
}

export function apimError(status: number, message: string): ApimErrorBody {
  return { statusCode: status, message };
}

export const badRequest = (message: string) => new SimHttpError(400, message);
export const notFound = (message: string) => new SimHttpError(404, message);
export const forbidden = (message: string) => new SimHttpError(403, message);
