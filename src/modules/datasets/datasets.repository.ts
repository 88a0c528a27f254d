import { Injectable } from '@nestjs/common';
// The casts to QueryDeepPartialEntity below: TypeORM's partial type cannot express a jsonb column
// of `Record<string, unknown>`; the values are plain JSON objects.
import { DataSource, In, type QueryDeepPartialEntity, type Repository } from 'typeorm';
import type { DatasetProfile } from './profiling/dataset-profiler';
import type { DatasetQueryDto } from './dto/dataset.dto';
import { Dataset } from './entities/dataset.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class DatasetsRepository {
  private readonly repository: Repository<Dataset>;

  constructor(dataSource: DataSource) {
    this.repository = dataSource.getRepository(Dataset);
  }

  async insert(dataset: Omit<Dataset, 'createdAt' | 'updatedAt'>): Promise<Dataset> {
    await this.repository.insert(dataset as QueryDeepPartialEntity<Dataset>);
    return this.repository.findOneByOrFail({ id: dataset.id });
  }

  /** A dataset of the organisation; another organisation's does not exist for the caller. */
  findInOrg(org: string, id: string): Promise<Dataset | null> {
    return this.repository.findOneBy({ org, id });
  }

  findById(id: string): Promise<Dataset | null> {
    return this.repository.findOneBy({ id });
  }

  /** Which of these ids have a dataset row (ids that are not UUIDs have none). */
  async existingIds(ids: string[]): Promise<Set<string>> {
    const uuids = ids.filter((id) => UUID.test(id));
    if (uuids.length === 0) return new Set();
    const rows = await this.repository.find({ where: { id: In(uuids) }, select: { id: true } });
    return new Set(rows.map((row) => row.id));
  }

  list(org: string, query: DatasetQueryDto): Promise<[Dataset[], number]> {
    const builder = this.repository.createQueryBuilder('d').where('d.org = :org', { org });
    if (query.search) {
      builder.andWhere("d.name ILIKE :search ESCAPE '\\'", {
        search: `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    if (query.format) builder.andWhere('d.format = :format', { format: query.format });
    if (query.status) builder.andWhere('d.status = :status', { status: query.status });
    if (query.tag) builder.andWhere(':tag = ANY(d.tags)', { tag: query.tag });
    const order = query.order === 'asc' ? 'ASC' : 'DESC';
    return builder
      .orderBy(`d.${query.sort}`, order)
      .addOrderBy('d.id', order)
      .skip((query.page - 1) * query.limit)
      .take(query.limit)
      .getManyAndCount();
  }

  async update(
    id: string,
    changes: Partial<Pick<Dataset, 'name' | 'description' | 'tags' | 'metadata'>>,
  ): Promise<Dataset | null> {
    await this.repository.update({ id }, changes as QueryDeepPartialEntity<Dataset>);
    return this.findById(id);
  }

  /** Records a finished profile, unless the dataset was deleted meanwhile. */
  async saveProfile(id: string, profile: DatasetProfile, at: Date): Promise<void> {
    await this.repository.update(
      { id },
      {
        status: 'ready',
        statusReason: null,
        rowCount: String(profile.rowCount),
        columns: profile.columns,
        template: profile.template.template,
        templateConfidence: profile.template.confidence,
        profiledAt: at,
      },
    );
  }

  async markInvalid(id: string, reason: string, at: Date): Promise<void> {
    await this.repository.update(
      { id },
      { status: 'invalid', statusReason: reason, profiledAt: at },
    );
  }

  /** Deletes the row and with it the wrapped data key. */
  async delete(id: string): Promise<boolean> {
    const result = await this.repository.delete({ id });
    return (result.affected ?? 0) === 1;
  }

  /** Datasets whose data key is wrapped by a key other than `currentKeyId`, a batch at a time. */
  wrappedByOtherKeys(currentKeyId: string, afterId: string, limit: number): Promise<Dataset[]> {
    return this.repository
      .createQueryBuilder('d')
      .where('d.keyId <> :currentKeyId', { currentKeyId })
      .andWhere('d.id > :afterId', { afterId })
      .orderBy('d.id')
      .take(limit)
      .getMany();
  }

  /** Replaces a wrapped key only if it is still the one that was read (no lost update). */
  async replaceWrappedKey(
    id: string,
    previous: string,
    next: { keyId: string; wrappedKey: string },
  ): Promise<boolean> {
    const result = await this.repository.update({ id, wrappedKey: previous }, next);
    return (result.affected ?? 0) === 1;
  }
}
