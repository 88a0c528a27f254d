export class CheckResultDto {
  status: 'up' | 'down';
  /** A critical check that is down makes the whole service down. */
  critical: boolean;
  latencyMs?: number;
  details?: Record<string, unknown>;
  error?: string;
}

export class HealthReportDto {
  /** ok: all checks up; degraded: a non-critical check is down; down: a critical check is down. */
  status: 'ok' | 'degraded' | 'down';
  timestamp: string;
  /** database, queue, disk, memory, and redis when REDIS_URL is set. */
  checks: Record<string, CheckResultDto>;
}

export class LivenessDto {
  status: 'ok';
  uptimeSeconds: number;
}

export class ReadinessDto {
  ready: boolean;
  shuttingDown: boolean;
  database: CheckResultDto;
}
