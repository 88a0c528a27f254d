import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Init1795669001801 implements MigrationInterface {
  name = 'Init1795669001801';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "queue_probe" ("id" uuid NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, "processed_by" text, CONSTRAINT "pk_queue_probe" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_queue_probe_requested_at" ON "queue_probe"  ("requested_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_queue_probe_requested_at"`);
    await queryRunner.query(`DROP TABLE "queue_probe"`);
  }
}
