import type { ErrorDescription } from '../errors/error-body';

export interface Pagination {
  page: number;
  limit: number;
  total: number;
  totalPages: number;
}

export interface ResponseMeta {
  requestId: string;
  timestamp: string;
  pagination?: Pagination;
}

/** A page of items returned by a service; the interceptor moves the counts into meta.pagination. */
export class Page<T> {
  constructor(
    readonly items: T[],
    readonly page: number,
    readonly limit: number,
    readonly total: number,
  ) {}

  get pagination(): Pagination {
    return {
      page: this.page,
      limit: this.limit,
      total: this.total,
      totalPages: Math.ceil(this.total / this.limit),
    };
  }
}

export function successEnvelope(data: unknown, requestId: string) {
  const meta: ResponseMeta = { requestId, timestamp: new Date().toISOString() };
  if (data instanceof Page) {
    meta.pagination = data.pagination;
    return { success: true as const, data: data.items, meta };
  }
  return { success: true as const, data: data ?? null, meta };
}

export function errorEnvelope(error: ErrorDescription, requestId: string) {
  return {
    success: false as const,
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
      requestId,
      timestamp: new Date().toISOString(),
    },
  };
}
