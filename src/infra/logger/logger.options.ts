import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../../config/app-config';

type LoggedRequest = IncomingMessage & { id?: string; routeTemplate?: string };

/**
 * JSON logs with request id, route, status and latency. Serializers whitelist what is logged:
 * never headers (Authorization, cookies), never bodies, never the query string (it can carry
 * search terms typed by users).
 */
export function loggerOptions(config: AppConfig, destination?: DestinationStream): Params {
  const options: Params['pinoHttp'] = {
    level: config.logLevel,
    genReqId: (req) => (req as LoggedRequest).id ?? '',
    customAttributeKeys: { responseTime: 'latencyMs' },
    // Bound to every line logged while handling the request, not only the access line.
    customProps: (req) => ({ requestId: (req as LoggedRequest).id }),
    serializers: {
      req: (req: { id?: string; method?: string; url?: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url?.split('?')[0],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (err: Error) => ({ type: err.name, message: err.message }),
    },
    customSuccessObject: (req, res: ServerResponse, value: Record<string, unknown>) => ({
      ...value,
      route: (req as LoggedRequest).routeTemplate,
      status: res.statusCode,
    }),
    customErrorObject: (req, res: ServerResponse, _error, value: Record<string, unknown>) => ({
      ...value,
      route: (req as LoggedRequest).routeTemplate,
      status: res.statusCode,
    }),
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    // Health probes from orchestrators would drown everything else.
    redact: { paths: ['req.headers', 'res.headers'], remove: true },
  };
  return {
    pinoHttp: destination ? [options, destination] : options,
    // Health probes from orchestrators would drown everything else; excluding them from the
    // middleware (rather than filtering the log line) also spares them its cost.
    exclude: [
      { method: RequestMethod.ALL, path: 'system/health' },
      { method: RequestMethod.ALL, path: 'system/health/*path' },
    ],
  };
}
