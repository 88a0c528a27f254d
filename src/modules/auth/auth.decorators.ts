import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { ApiErrors } from '../../common/openapi/api-responses.decorator';
import type { Principal, Role } from './principal';

export const IS_PUBLIC = 'techdeck:public';
export const ROUTE_RATE_LIMIT = 'techdeck:route-rate-limit';
export const MINIMUM_ROLE = 'techdeck:minimum-role';

/** Anyone may call this route, without a token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * A valid token with at least this role is required (every route that is not @Public requires
 * a token; this also sets the role and documents both in OpenAPI).
 */
export const Auth = (minimum: Role = 'viewer') =>
  applyDecorators(
    SetMetadata(MINIMUM_ROLE, minimum),
    ApiBearerAuth(),
    ApiExtension('x-minimum-role', minimum),
    ApiErrors('AUTHENTICATION_FAILED', 'AUTHORIZATION_FAILED', 'RATE_LIMIT_EXCEEDED'),
  );

/**
 * Besides the caller's overall limit, this route has its own per-caller limit per minute;
 * `expensive` is RATE_LIMIT_EXPENSIVE_PER_MINUTE (uploads, pipeline runs).
 */
export const RateLimit = (perMinute: number | 'expensive') =>
  applyDecorators(
    SetMetadata(ROUTE_RATE_LIMIT, perMinute),
    ApiExtension('x-rate-limit-per-minute', perMinute),
  );

export interface AuthenticatedRequest {
  principal?: Principal;
}

/** The verified caller of the current request. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
    return principal;
  },
);
