import { Injectable } from '@nestjs/common';
import { DataSource, LessThan, type Repository } from 'typeorm';
import { QueueProbe } from './entities/queue-probe.entity';

const RETENTION_MS = 24 * 3600 * 1000;

@Injectable()
export class QueueProbeRepository {
  private readonly repository: Repository<QueueProbe>;

  constructor(dataSource: DataSource) {
    this.repository = dataSource.getRepository(QueueProbe);
  }

  /** Records a new probe and forgets those older than a day, in one transaction. */
  async create(id: string, now: Date): Promise<void> {
    await this.repository.manager.transaction(async (manager) => {
      await manager.delete(QueueProbe, {
        requestedAt: LessThan(new Date(now.getTime() - RETENTION_MS)),
      });
      await manager.insert(QueueProbe, { id, requestedAt: now });
    });
  }

  async complete(id: string, processedBy: string, at: Date): Promise<boolean> {
    const result = await this.repository.update({ id }, { completedAt: at, processedBy });
    return (result.affected ?? 0) === 1;
  }

  find(id: string): Promise<QueueProbe | null> {
    return this.repository.findOneBy({ id });
  }

  async delete(id: string): Promise<void> {
    await this.repository.delete({ id });
  }
}
