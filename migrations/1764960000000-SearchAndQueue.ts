import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search over ticket titles and messages (`search`, and the web area's `?q=`), and the
 * agents' queue (`queue`, `/queue`).
 *
 * Search is accent- and case-blind and knows English and Portuguese word forms. Portuguese
 * stemming needs the accents (`configuração` and `configurações` share a stem only when accented),
 * so the Portuguese half stems first and drops accents from the stems afterwards; words typed
 * without accents get the common nasal endings back first (`-cao` → `-ção`, `-ao` → `-ão`), and
 * `-ões` plurals become `-ão`, so `configuracao` finds `configurações` and `impressoes` `impressão`. The English half drops accents
 * first (its stemmer ignores them). `chamado_search_vector` (what is indexed) and
 * `chamado_search_query` (one typed word) run the same steps, so both sides always agree.
 *
 * The vectors are expression GIN indexes, not stored columns or triggers: a reply in a ticket
 * thread pays for one GIN entry (batched by GIN's pending list) and nothing else, and the table
 * keeps no second copy of every message. Every object is schema-qualified because Postgres 17+
 * runs index maintenance with a search_path of pg_catalog only.
 *
 * The queue index is in the queue's order (unassigned first, then priority, then the oldest), over
 * tickets that are not closed, and carries the status, so counting open or pending ones reads the
 * index alone. It holds no column a reply changes, so a reply's ticket update stays a HOT update.
 */
export class SearchAndQueue1764960000000 implements MigrationInterface {
  name = 'SearchAndQueue1764960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    const [{ ext }] = await q.query(`SELECT quote_ident(extnamespace::regnamespace::text) AS ext FROM pg_extension WHERE extname = 'unaccent'`);
    const [{ own }] = await q.query(`SELECT quote_ident(current_schema()) AS own`);

    await q.query(`CREATE TEXT SEARCH CONFIGURATION ${own}.chamado_english (COPY = pg_catalog.english)`);
    await q.query(`ALTER TEXT SEARCH CONFIGURATION ${own}.chamado_english ALTER MAPPING FOR hword, hword_part, word WITH ${ext}.unaccent, english_stem`);

    // unaccent() is only STABLE (its dictionary could be changed); the fixed dictionary makes it safe to index.
    await q.query(`CREATE FUNCTION ${own}.chamado_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT ${ext}.unaccent('${ext}.unaccent'::regdictionary, $1) $$`);
    // Portuguese nasal endings typed without accents get them back, and -ões plurals become -ão (the
    // stemmer keeps impressão and impressões apart): cao → ção, coes/ções → ção, oes/ões → ão, ao → ão.
    await q.query(`CREATE FUNCTION ${own}.chamado_reaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT regexp_replace(regexp_replace(regexp_replace(regexp_replace(lower($1),
        '[cç][oõ]es\\M', 'ção', 'g'), '[oõ]es\\M', 'ão', 'g'), 'cao\\M', 'ção', 'g'), 'ao\\M', 'ão', 'g') $$`);
    await q.query(`CREATE FUNCTION ${own}.chamado_search_vector(text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT to_tsvector('${own}.chamado_english'::regconfig, $1)
        || ${own}.chamado_unaccent(to_tsvector('pg_catalog.portuguese'::regconfig, ${own}.chamado_reaccent($1))::text)::tsvector $$`);
    await q.query(`CREATE FUNCTION ${own}.chamado_search_query(text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT plainto_tsquery('${own}.chamado_english'::regconfig, $1)
        || ${own}.chamado_unaccent(plainto_tsquery('pg_catalog.portuguese'::regconfig, ${own}.chamado_reaccent($1))::text)::tsquery $$`);

    await q.query(`CREATE INDEX tickets_search ON tickets USING gin (${own}.chamado_search_vector(title))`);
    await q.query(`CREATE INDEX ticket_messages_search ON ticket_messages USING gin (${own}.chamado_search_vector(text))`);
    await q.query(`CREATE INDEX tickets_queue ON tickets (workspace_id, (assignee_id IS NULL) DESC, ` +
      `(array_position('{urgent,high,normal,low}'::text[], priority)), created_at, number)
      INCLUDE (status) WHERE status <> 'closed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tickets_queue`);
    await q.query(`DROP INDEX ticket_messages_search`);
    await q.query(`DROP INDEX tickets_search`);
    await q.query(`DROP FUNCTION chamado_search_query(text)`);
    await q.query(`DROP FUNCTION chamado_search_vector(text)`);
    await q.query(`DROP FUNCTION chamado_reaccent(text)`);
    await q.query(`DROP FUNCTION chamado_unaccent(text)`);
    await q.query(`DROP TEXT SEARCH CONFIGURATION chamado_english`);
    // The extension stays: other objects in the database may use it.
  }
}
