import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DatasetFormat, ValueKind } from '../formats/format';

export type DatasetStatus = 'processing' | 'ready' | 'invalid';

export interface DatasetColumn {
  name: string;
  type: ValueKind;
  nullCount: number;
}

/**
 * A dataset: its description, what profiling found, and the wrapped data key of its encrypted
 * file (object id = dataset id). Deleting the row deletes the key, so the file cannot be read
 * again even from a backup of the files.
 */
@Entity()
@Index(['org', 'createdAt'])
@Index(['org', 'status'])
export class Dataset {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  org: string;

  /** The uploader's user id (`sub`). */
  @Column({ type: 'text' })
  ownerSub: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata: Record<string, unknown>;

  @Column({ type: 'text' })
  format: DatasetFormat;

  @Column({ type: 'text' })
  originalFilename: string;

  @Column({ type: 'text', nullable: true })
  encoding: string | null;

  @Column({ type: 'text', nullable: true })
  delimiter: string | null;

  @Column({ type: 'bigint' })
  sizeBytes: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** Which key of the ring wraps the data key. */
  @Column({ type: 'text' })
  keyId: string;

  @Column({ type: 'text' })
  wrappedKey: string;

  @Column({ type: 'text' })
  status: DatasetStatus;

  /** Why profiling found the dataset invalid (row number and reason, never content). */
  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ type: 'bigint', nullable: true })
  rowCount: string | null;

  @Column({ type: 'jsonb', nullable: true })
  columns: DatasetColumn[] | null;

  /** The conversation template profiling detected (chatml, sharegpt, alpaca, ..., unknown). */
  @Column({ type: 'text', nullable: true })
  template: string | null;

  @Column({ type: 'real', nullable: true })
  templateConfidence: number | null;

  @Column({ type: 'real', nullable: true })
  qualityScore: number | null;

  @Column({ type: 'real', nullable: true })
  biasScore: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  profiledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
