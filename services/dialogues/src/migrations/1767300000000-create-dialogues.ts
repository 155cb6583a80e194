import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dialogues, their recommendations and status history, briefs with their full-text column, and
 * initiatives. Every classified table has the columns the visibility rule reads, the audience
 * lists `uuid[] NOT NULL DEFAULT '{}'` (a NULL array would make `= ANY` unknown, i.e. unseen).
 */
export class CreateDialogues1767300000000 implements MigrationInterface {
  name = 'CreateDialogues1767300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The text search configuration of a brief's language (API.md languages). Postgres has
    // stemmers for five of the six UN languages; Chinese gets `simple` (no stemming). IMMUTABLE
    // so that a generated column may use it; the names are schema-qualified so that it does not
    // depend on search_path.
    await queryRunner.query(`
      CREATE FUNCTION dialogues_text_config(language text) RETURNS regconfig
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT (CASE language
          WHEN 'ar' THEN 'pg_catalog.arabic'
          WHEN 'en' THEN 'pg_catalog.english'
          WHEN 'fr' THEN 'pg_catalog.french'
          WHEN 'ru' THEN 'pg_catalog.russian'
          WHEN 'es' THEN 'pg_catalog.spanish'
          ELSE 'pg_catalog.simple' END)::regconfig $$`);

    await queryRunner.query(`
      CREATE TABLE dialogues (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        title text NOT NULL,
        participants uuid[] NOT NULL,
        starts_at timestamptz(3) NOT NULL,
        ends_at timestamptz(3),
        location text,
        agenda text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'scheduled',
        outcome_summary text,
        held_on date,
        cancelled_at timestamptz(3),
        cancelled_by uuid,
        previous_dialogue_id uuid REFERENCES dialogues (id),
        series_id uuid NOT NULL,
        classification text NOT NULL,
        audience_organizations uuid[] NOT NULL DEFAULT '{}',
        audience_officers uuid[] NOT NULL DEFAULT '{}',
        origin_organization_id uuid NOT NULL,
        author_id uuid NOT NULL,
        version int NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // A series is a chain: a dialogue has at most one next.
    await queryRunner.query(`CREATE UNIQUE INDEX dialogues_next_key ON dialogues (previous_dialogue_id) WHERE previous_dialogue_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX dialogues_series ON dialogues (series_id)`);
    await queryRunner.query(`CREATE INDEX dialogues_page ON dialogues (created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX dialogues_participants ON dialogues USING gin (participants)`);

    await queryRunner.query(`
      CREATE TABLE recommendations (
        id uuid PRIMARY KEY,
        dialogue_id uuid NOT NULL REFERENCES dialogues (id),
        text text NOT NULL,
        owners uuid[] NOT NULL DEFAULT '{}',
        due_on date,
        status text NOT NULL,
        author_id uuid NOT NULL,
        version int NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX recommendations_dialogue ON recommendations (dialogue_id)`);
    await queryRunner.query(`CREATE INDEX recommendations_page ON recommendations (created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX recommendations_owners ON recommendations USING gin (owners)`);

    // Append-only: every status a recommendation took, who set it, when and why.
    await queryRunner.query(`
      CREATE TABLE recommendation_status_changes (
        id uuid PRIMARY KEY,
        recommendation_id uuid NOT NULL REFERENCES recommendations (id),
        status text NOT NULL,
        previous_status text,
        note text,
        changed_by uuid NOT NULL,
        changed_by_organization_id uuid NOT NULL,
        changed_at timestamptz(3) NOT NULL,
        version int NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX recommendation_status_changes_version ON recommendation_status_changes (recommendation_id, version)`);

    await queryRunner.query(`
      CREATE TABLE briefs (
        id uuid PRIMARY KEY,
        title text NOT NULL,
        body text NOT NULL,
        language text NOT NULL DEFAULT 'en',
        countries text[] NOT NULL DEFAULT '{}',
        region text,
        themes text[] NOT NULL DEFAULT '{}',
        dialogue_id uuid REFERENCES dialogues (id),
        desk_id uuid,
        classification text NOT NULL,
        audience_organizations uuid[] NOT NULL DEFAULT '{}',
        audience_officers uuid[] NOT NULL DEFAULT '{}',
        origin_organization_id uuid NOT NULL,
        author_id uuid NOT NULL,
        withdrawn_at timestamptz(3),
        withdrawn_by uuid,
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector(dialogues_text_config(language), title), 'A') ||
          setweight(to_tsvector(dialogues_text_config(language), body), 'B')
        ) STORED,
        version int NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // A GIN index merges its pending list of new entries inside whichever insert makes it pass
    // `gin_pending_list_limit` (4 MB by default), stalling that brief batch and every request
    // behind it; short lists (256 kB) make each merge short, for slightly dearer inserts.
    await queryRunner.query(`CREATE INDEX briefs_search ON briefs USING gin (search) WITH (gin_pending_list_limit = 256)`);
    await queryRunner.query(`CREATE INDEX briefs_page ON briefs (created_at DESC, id DESC) WHERE withdrawn_at IS NULL`);
    await queryRunner.query(`CREATE INDEX briefs_countries ON briefs USING gin (countries) WITH (gin_pending_list_limit = 256)`);
    await queryRunner.query(`CREATE INDEX briefs_themes ON briefs USING gin (themes) WITH (gin_pending_list_limit = 256)`);

    await queryRunner.query(`
      CREATE TABLE initiatives (
        id uuid PRIMARY KEY,
        title text NOT NULL,
        lead_organization_id uuid NOT NULL,
        supporting uuid[] NOT NULL DEFAULT '{}',
        countries text[] NOT NULL DEFAULT '{}',
        kind text NOT NULL,
        status text NOT NULL,
        classification text NOT NULL,
        audience_organizations uuid[] NOT NULL DEFAULT '{}',
        audience_officers uuid[] NOT NULL DEFAULT '{}',
        author_id uuid NOT NULL,
        version int NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX initiatives_page ON initiatives (created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX initiatives_supporting ON initiatives USING gin (supporting)`);
    await queryRunner.query(`CREATE INDEX initiatives_countries ON initiatives USING gin (countries)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE initiatives`);
    await queryRunner.query(`DROP TABLE briefs`);
    await queryRunner.query(`DROP TABLE recommendation_status_changes`);
    await queryRunner.query(`DROP TABLE recommendations`);
    await queryRunner.query(`DROP TABLE dialogues`);
    await queryRunner.query(`DROP FUNCTION dialogues_text_config(text)`);
  }
}
