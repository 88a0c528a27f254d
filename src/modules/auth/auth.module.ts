import { Global, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { AppConfig } from '../../config/app-config';
import { AuthGuard } from './auth.guard';
import { TokenVerifier } from './token-verifier';
import { DEV_SECRET_FILE, verificationKeys } from './verification-keys';

/** Token verification for HTTP (the global guard) and, through TokenVerifier, for sockets. */
@Global()
@Module({
  imports: [JwtModule.register({})],
  providers: [
    {
      provide: TokenVerifier,
      inject: [JwtService, AppConfig],
      useFactory: (jwt: JwtService, config: AppConfig) =>
        new TokenVerifier(jwt, verificationKeys(config), {
          issuer: config.jwt.issuer,
          audience: config.jwt.audience,
          clockSkewSeconds: config.jwt.clockSkewSeconds,
        }),
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenVerifier],
})
export class AuthModule implements OnModuleInit {
  constructor(private readonly config: AppConfig) {}

  onModuleInit(): void {
    if (!this.config.jwt.secret && !this.config.jwt.jwksUrl) {
      new Logger('Auth').warn(
        `JWT_SECRET is not set: tokens are signed with a development secret kept in ` +
          `DATA_DIR/${DEV_SECRET_FILE}; make one with npm run token`,
      );
    }
  }
}
