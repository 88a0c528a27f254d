import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** One round trip of the `system.ping` job: written by the API, completed by a worker. */
@Entity()
export class QueueProbe {
  @PrimaryColumn('uuid')
  id: string;

  @Index()
  @CreateDateColumn({ type: 'timestamptz' })
  requestedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** host:pid of the worker that ran it. */
  @Column({ type: 'text', nullable: true })
  processedBy: string | null;
}
