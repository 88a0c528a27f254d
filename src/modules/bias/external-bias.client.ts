import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import CircuitBreaker from 'opossum';
import { AppConfig } from '../../config/app-config';
import { redactText, scanText } from '../privacy/engine';
import { BIAS_TYPES, type BiasType } from './engine';

export type ExternalScores = Partial<Record<BiasType, number>>;
export type ExternalOutcome =
  | { status: 'merged'; scores: ExternalScores }
  | { status: 'unavailable' | 'circuit-open' | 'invalid-response' };

class InvalidResponse extends Error {}

/**
 * The optional external bias service (BIAS_SERVICE_URL). It gets `POST { texts }` with PII
 * redacted first (no PHI leaves the service) and answers `{ biasMetrics: [{ biasType, score }] }`
 * (or the same inside `data`). Each call has a timeout; after repeated failures a circuit breaker
 * (opossum) stops calling for 30 s, so a dead service costs nothing. Without it, or when it fails,
 * the built-in analysis stands.
 */
@Injectable()
export class ExternalBiasClient implements OnApplicationShutdown {
  private readonly logger = new Logger('BiasService');
  private readonly breaker?: CircuitBreaker<[string[]], ExternalScores>;

  constructor(config: AppConfig) {
    const service = config.biasService;
    if (!service) return;
    this.breaker = new CircuitBreaker((texts: string[]) => this.call(service, texts), {
      timeout: service.timeoutMs,
      errorThresholdPercentage: 50,
      volumeThreshold: 3,
      resetTimeout: 30_000,
    });
    this.breaker.on('open', () => this.logger.warn('bias service failing: circuit open for 30 s'));
    this.breaker.on('close', () => this.logger.log('bias service answering again: circuit closed'));
  }

  get configured(): boolean {
    return this.breaker !== undefined;
  }

  async scores(texts: readonly string[]): Promise<ExternalOutcome | undefined> {
    if (!this.breaker) return undefined;
    const redacted = texts.map((text) => redactText(text, scanText(text), 'redact'));
    try {
      return { status: 'merged', scores: await this.breaker.fire(redacted) };
    } catch (error) {
      if (this.breaker.opened && (error as { code?: string }).code === 'EOPENBREAKER')
        return { status: 'circuit-open' };
      if (error instanceof InvalidResponse) return { status: 'invalid-response' };
      this.logger.warn(`bias service call failed: ${(error as Error).message}`);
      return { status: 'unavailable' };
    }
  }

  onApplicationShutdown(): void {
    this.breaker?.shutdown();
  }

  private async call(service: { url: string; timeoutMs: number }, texts: string[]) {
    const response = await fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ texts }),
      signal: AbortSignal.timeout(service.timeoutMs),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return parseScores(await response.json().catch(() => undefined));
  }
}

function parseScores(body: unknown): ExternalScores {
  const root = (body as { data?: unknown })?.data ?? body;
  const metrics = (root as { biasMetrics?: unknown })?.biasMetrics;
  if (!Array.isArray(metrics)) throw new InvalidResponse('no biasMetrics array');
  const scores: ExternalScores = {};
  for (const metric of metrics as { biasType?: unknown; score?: unknown }[]) {
    const { biasType, score } = metric ?? {};
    if (!BIAS_TYPES.includes(biasType as BiasType)) continue;
    if (typeof score !== 'number' || !(score >= 0 && score <= 1))
      throw new InvalidResponse(`score of ${String(biasType)} is not in 0..1`);
    scores[biasType as BiasType] = score;
  }
  return scores;
}
