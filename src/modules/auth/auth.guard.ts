import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../../common/errors/api-error';
import { type AuthenticatedRequest, IS_PUBLIC, MINIMUM_ROLE } from './auth.decorators';
import { hasRole, type Role } from './principal';
import { AuthenticationError, TokenVerifier } from './token-verifier';

/** The bearer token of a request, or undefined when there is none. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Deny by default: every HTTP route needs a valid token unless it is @Public, and the caller's
 * role must reach the route's @Auth minimum (viewer when none is given).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new ApiError('AUTHENTICATION_FAILED', 'A bearer token is required');
    try {
      request.principal = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof AuthenticationError) {
        throw new ApiError('AUTHENTICATION_FAILED', error.message);
      }
      throw error;
    }
    const minimum = this.reflector.getAllAndOverride<Role>(MINIMUM_ROLE, targets) ?? 'viewer';
    if (!hasRole(request.principal, minimum)) {
      throw new ApiError('AUTHORIZATION_FAILED', `This requires the ${minimum} role`);
    }
    return true;
  }
}
