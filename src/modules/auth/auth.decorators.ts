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
    ApiErrors('AUTHENTICATION_FAILED', 'AUTHORIZATION_FAILED'),
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
