import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Datasets1795680054331 implements MigrationInterface {
  name = 'Datasets1795680054331';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "dataset" ("id" uuid NOT NULL, "org" text NOT NULL, "owner_sub" text NOT NULL, "name" text NOT NULL, "description" text, "tags" text array NOT NULL DEFAULT '{}', "metadata" jsonb NOT NULL DEFAULT '{}', "format" text NOT NULL, "original_filename" text NOT NULL, "encoding" text, "delimiter" text, "size_bytes" bigint NOT NULL, "sha256" character(64) NOT NULL, "key_id" text NOT NULL, "wrapped_key" text NOT NULL, "status" text NOT NULL, "status_reason" text, "row_count" bigint, "columns" jsonb, "template" text, "template_confidence" real, "quality_score" real, "bias_score" real, "profiled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_dataset" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_dataset_org_status" ON "dataset"  ("org", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_dataset_org_created_at" ON "dataset"  ("org", "created_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_dataset_org_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_dataset_org_status"`);
    await queryRunner.query(`DROP TABLE "dataset"`);
  }
}
