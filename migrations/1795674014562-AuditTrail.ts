import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class AuditTrail1795674014562 implements MigrationInterface {
  name = 'AuditTrail1795674014562';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org" text NOT NULL, "seq" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_sub" text, "actor_role" text, "action" text NOT NULL, "resource_type" text NOT NULL, "resource_id" text, "outcome" integer NOT NULL, "request_id" text NOT NULL, "client_ip" text, "user_agent" text, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "uq_audit_event_org_seq" UNIQUE ("org", "seq"), CONSTRAINT "pk_audit_event" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_audit_event_org_occurred_at" ON "audit_event"  ("org", "occurred_at") `,
    );
    // Append-only: the database itself refuses to change or remove audit entries.
    await queryRunner.query(
      `CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_audit_event_no_change" BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "trg_audit_event_no_truncate" BEFORE TRUNCATE ON "audit_event" FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_audit_event_no_truncate" ON "audit_event"`);
    await queryRunner.query(`DROP TRIGGER "trg_audit_event_no_change" ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION "audit_event_append_only"()`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_event_org_occurred_at"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
  }
}
