import { Body, Controller, Get, Header, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../../common/errors/api-error';
import { ApiEnvelope, ApiErrors } from '../../common/openapi/api-responses.decorator';
import { RawResponse } from '../../common/envelope/raw-response.decorator';
import { MetricsService } from '../../infra/metrics/metrics.service';
import { Auth, Public, RateLimit } from '../auth/auth.decorators';
import { MetricsScrapeGuard } from '../auth/metrics-scrape.guard';
import { HealthReportDto, LivenessDto, ReadinessDto } from './dto/health.dto';
import {
  DEFAULT_PROBE_TIMEOUT_MS,
  QueueProbeRequestDto,
  QueueProbeResultDto,
} from './dto/queue-probe.dto';
import { SystemMetricsDto } from './dto/system-metrics.dto';
import { HealthService } from './health.service';
import { QueueProbeService } from './queue-probe.service';
import { SystemMetricsService } from './system-metrics.service';

@ApiTags('system')
@Controller('system')
export class SystemController {
  constructor(
    private readonly health: HealthService,
    private readonly systemMetrics: SystemMetricsService,
    private readonly probes: QueueProbeService,
    private readonly metrics: MetricsService,
  ) {}

  @Get('health')
  @Public()
  @ApiOperation({
    summary: 'Health of the service and its dependencies',
    description:
      'ok: everything up; degraded: a non-critical dependency (Redis, queue, disk, memory) is ' +
      'down and the service still answers; down (503): the database is unreachable.',
  })
  @ApiEnvelope(200, HealthReportDto)
  @ApiErrors('SERVICE_UNAVAILABLE')
  async getHealth(): Promise<HealthReportDto> {
    const report = await this.health.report();
    if (report.status === 'down') {
      throw new ApiError('SERVICE_UNAVAILABLE', 'A critical dependency is down', report);
    }
    return report;
  }

  @Get('health/live')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process is running and its event loop turns' })
  @ApiEnvelope(200, LivenessDto)
  getLiveness(): LivenessDto {
    return { status: 'ok', uptimeSeconds: Math.round(this.metrics.uptimeSeconds) };
  }

  @Get('health/ready')
  @Public()
  @ApiOperation({
    summary: 'Readiness: the database answers and the process is not shutting down',
  })
  @ApiEnvelope(200, ReadinessDto)
  @ApiErrors('SERVICE_UNAVAILABLE')
  async getReadiness(): Promise<ReadinessDto> {
    const readiness = await this.health.readiness();
    if (!readiness.ready) throw new ApiError('SERVICE_UNAVAILABLE', 'Not ready', readiness);
    return readiness;
  }

  @Get('metrics')
  @Auth('admin')
  @ApiOperation({ summary: 'Process, event-loop, database pool and queue figures' })
  @ApiEnvelope(200, SystemMetricsDto)
  getSystemMetrics(): Promise<SystemMetricsDto> {
    return this.systemMetrics.snapshot();
  }

  @Get('metrics/prometheus')
  @Public()
  @UseGuards(MetricsScrapeGuard)
  @RawResponse()
  @ApiBearerAuth()
  @ApiErrors('AUTHENTICATION_FAILED', 'AUTHORIZATION_FAILED')
  @ApiOperation({
    summary: 'Prometheus text exposition (default metrics, HTTP durations, queues)',
    description: 'Bearer METRICS_TOKEN (for scrapers) or an admin JWT.',
  })
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'Prometheus text format 0.0.4' })
  @Header('Cache-Control', 'no-store')
  async getPrometheusMetrics(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    reply.type(this.systemMetrics.prometheusContentType);
    return this.systemMetrics.prometheus();
  }

  @Post('queue/probe')
  @Auth('admin')
  @RateLimit('expensive')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a probe job through the queue and wait for a worker to complete it',
    description:
      'Proves the whole job path: API → queue (Redis or PostgreSQL) → a worker → database. ' +
      '503 when no worker completes it in time.',
  })
  @ApiBody({ type: QueueProbeRequestDto, required: false })
  @ApiEnvelope(200, QueueProbeResultDto)
  @ApiErrors('VALIDATION_ERROR', 'SERVICE_UNAVAILABLE')
  probeQueue(@Body() body: QueueProbeRequestDto): Promise<QueueProbeResultDto> {
    return this.probes.probe(body?.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS);
  }
}
