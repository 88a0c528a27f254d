import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One entry of the audit trail. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and
 * chained per organisation: `hash` covers the entry and the previous entry's hash.
 */
@Entity()
@Unique(['org', 'seq'])
@Index(['org', 'occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The organisation whose chain this entry belongs to (`_anonymous` for failed logins). */
  @Column({ type: 'text' })
  org: string;

  /** Position in the organisation's chain, from 1. */
  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'text', nullable: true })
  actorSub: string | null;

  @Column({ type: 'text', nullable: true })
  actorRole: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  resourceType: string;

  @Column({ type: 'text', nullable: true })
  resourceId: string | null;

  /** HTTP status of the outcome. */
  @Column({ type: 'int' })
  outcome: number;

  @Column({ type: 'text' })
  requestId: string;

  @Column({ type: 'text', nullable: true })
  clientIp: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
