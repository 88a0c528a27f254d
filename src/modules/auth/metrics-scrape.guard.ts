import { timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../../common/errors/api-error';
import { AppConfig } from '../../config/app-config';
import { bearerToken } from './auth.guard';
import { hasRole } from './principal';
import { AuthenticationError, TokenVerifier } from './token-verifier';

/**
 * The Prometheus exposition is for scrapers, which rarely hold user JWTs: it accepts either the
 * static METRICS_TOKEN or an admin's JWT, as a bearer token.
 */
@Injectable()
export class MetricsScrapeGuard implements CanActivate {
  private readonly metricsToken?: Buffer;

  constructor(
    config: AppConfig,
    private readonly verifier: TokenVerifier,
  ) {
    this.metricsToken = config.metricsToken ? Buffer.from(config.metricsToken) : undefined;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new ApiError('AUTHENTICATION_FAILED', 'A bearer token is required');
    if (this.metricsToken && equal(Buffer.from(token), this.metricsToken)) return true;
    try {
      const principal = await this.verifier.verify(token);
      if (hasRole(principal, 'admin')) return true;
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      throw new ApiError('AUTHENTICATION_FAILED', error.message);
    }
    throw new ApiError('AUTHORIZATION_FAILED', 'This requires the admin role or the metrics token');
  }
}

function equal(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
