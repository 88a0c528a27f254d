import {
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Injectable,
  type NestInterceptor,
  RequestMethod,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { errorStatus } from '../../common/errors/error-body';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { auditFacts } from './audit-facts';
import { AuditTrail } from './audit-trail.service';

/**
 * Records every authenticated request in the audit trail (public routes such as health probes
 * are not data access), after the handler and before the response is sent: if the entry cannot
 * be written, the caller gets an error instead of unaudited data.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly trail: AuditTrail,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) return next.handle();
    const record = (outcome: number) => this.trail.record(auditFacts(context, principal, outcome));
    return next.handle().pipe(
      mergeMap((data: unknown) => from(record(this.successStatus(context)).then(() => data))),
      catchError((error: unknown) =>
        from(
          record(errorStatus(error)).then(() => {
            throw error;
          }),
        ),
      ),
    );
  }

  private successStatus(context: ExecutionContext): number {
    const explicit = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler());
    if (explicit) return explicit;
    const method = context.switchToHttp().getRequest<{ method: string }>().method;
    return method === RequestMethod[RequestMethod.POST] ? HttpStatus.CREATED : HttpStatus.OK;
  }
}
