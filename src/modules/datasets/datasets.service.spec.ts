import { ApiError } from '../../common/errors/api-error';
import type { JobQueue } from '../../infra/queue/job-queue.service';
import type { Principal } from '../auth/principal';
import type { DatasetFiles } from './dataset-files';
import type { DatasetsRepository } from './datasets.repository';
import { DatasetsService, type StoredUpload } from './datasets.service';
import type { Dataset } from './entities/dataset.entity';

const owner: Principal = { sub: 'u1', role: 'user', org: 'acme' };
const upload: StoredUpload = {
  id: '0b6c1c7e-0000-4000-8000-000000000001',
  filename: 'sessions.jsonl',
  detected: { format: 'jsonl', encoding: 'utf-8' },
  sizeBytes: 10,
  sha256: 'a'.repeat(64),
  keyId: 'k1',
  wrappedKey: 'wrapped',
};

/** In-memory stand-ins for the repository, the file store and the queue. */
function setup(queueFails: boolean) {
  const rows = new Map<string, Dataset>();
  const files = new Set<string>([upload.id]);
  const repository = {
    insert: async (dataset: Dataset) => {
      const row = { ...dataset, createdAt: new Date(), updatedAt: new Date() };
      rows.set(dataset.id, row);
      return row;
    },
    delete: async (id: string) => rows.delete(id),
    findInOrg: async (org: string, id: string) => (rows.get(id)?.org === org ? rows.get(id) : null),
  } as unknown as DatasetsRepository;
  const store = {
    delete: async (id: string) => void files.delete(id),
  } as unknown as DatasetFiles;
  const queue = {
    add: async () => {
      if (queueFails) throw new ApiError('SERVICE_UNAVAILABLE', 'queue down');
      return 'job-1';
    },
  } as unknown as JobQueue;
  return { service: new DatasetsService(repository, store, queue), rows, files };
}

describe('DatasetsService.create', () => {
  it('records the dataset as processing and queues its profile', async () => {
    const { service, rows, files } = setup(false);
    const dataset = await service.create(owner, upload, {
      name: ' Intake ',
      tags: ['a', 'a', 'b'],
    });
    expect(dataset).toMatchObject({
      id: upload.id,
      name: 'Intake',
      tags: ['a', 'b'],
      status: 'processing',
      owner: 'u1',
    });
    expect(rows.has(upload.id)).toBe(true);
    expect(files.has(upload.id)).toBe(true);
    await service.onModuleDestroy();
  });

  it('removes the row and the file when the profiling job cannot be queued', async () => {
    const { service, rows, files } = setup(true);
    await expect(service.create(owner, upload, { name: 'Intake' })).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
    expect(rows.size).toBe(0);
    expect(files.size).toBe(0);
    await service.onModuleDestroy();
  });
});
