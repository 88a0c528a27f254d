import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppOptions } from './app.module';
import { ApiError } from './common/errors/api-error';
import { sendError } from './common/errors/all-exceptions.filter';
import { HttpLifecycle } from './infra/http/http-lifecycle.service';
import type { AppConfig } from './config/app-config';
import { MetricsService } from './infra/metrics/metrics.service';
import { setupSwagger } from './openapi';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's X-Request-Id is kept when it is a sane token, so traces join up across services. */
function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/** Builds the API application (not yet listening): used by main.ts, the tests and tooling. */
export async function createApp(
  config: AppConfig,
  options: AppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.maxBodyBytes,
    // Fastify hands genReqId the raw request; keeping the id on it lets the request logger,
    // which runs as middleware on the raw request, bind the same id.
    genReqId: (raw: IncomingMessage & { id?: unknown }) =>
      (raw.id = requestId(raw.headers['x-request-id'])) as string,
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    // Requests arriving while the server drains get the envelope from the hook below instead.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options),
    adapter,
    // Nest's own start-up logging would print failures with stack traces before main.ts can
    // report them in one line; from here on everything goes through pino.
    { logger: false, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  // Multipart bodies (dataset uploads) are streamed by the route, never buffered: the file limit
  // is MAX_UPLOAD_BYTES, the other parts are small form fields.
  await app.register(multipart, {
    throwFileSizeLimit: true,
    limits: {
      fileSize: config.maxUploadBytes,
      files: 1,
      fields: 10,
      fieldSize: 64 * 1024,
      parts: 12,
      headerPairs: 50,
    },
  });

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  const lifecycle = app.get(HttpLifecycle);
  fastify.addHook('onRequest', async (request: FastifyRequest, reply) => {
    reply.header('x-request-id', request.id);
    (request.raw as { routeTemplate?: string }).routeTemplate = request.routeOptions.url;
    if (lifecycle.shuttingDown) {
      reply.header('connection', 'close');
      sendError(
        request,
        reply,
        new ApiError('SERVICE_UNAVAILABLE', 'The service is shutting down'),
      );
      return reply;
    }
  });
  // A keep-alive connection would hold the draining server open after its last response.
  fastify.addHook('onSend', async (_request, reply) => {
    if (lifecycle.shuttingDown) reply.header('connection', 'close');
  });
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });

  // helmet's middleware is built once here; @fastify/helmet rebuilds it (re-parsing the CSP) on
  // every request, which cost a tenth of the CPU of a trivial route.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
      exposedHeaders: ['X-Request-Id', 'Retry-After', 'Content-Disposition'],
      maxAge: 600,
    });
  }
  setupSwagger(app);
  await app.init();
  return app;
}
