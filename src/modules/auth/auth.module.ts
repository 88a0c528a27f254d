import { Global, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { RedisService } from '../../infra/redis/redis.service';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { AppConfig } from '../../config/app-config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { rateLimitOptions } from './rate-limit/rate-limit.options';
import { TokenVerifier } from './token-verifier';
import { DEV_SECRET_FILE, verificationKeys } from './verification-keys';

/** Token verification for HTTP (the global guard) and, through TokenVerifier, for sockets. */
@Global()
@Module({
  controllers: [AuthController],
  imports: [
    JwtModule.register({}),
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, Reflector, RedisService],
      useFactory: (config: AppConfig, reflector: Reflector, redis: RedisService) =>
        rateLimitOptions(config, reflector, redis),
    }),
  ],
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
    RateLimitGuard,
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
