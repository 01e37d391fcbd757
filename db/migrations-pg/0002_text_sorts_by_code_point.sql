-- Text compares and sorts by code point, as in SQLite (whose default collation is BINARY), whatever
-- locale the database was created with: keyset pages over paths and names, and the file browser's
-- prefix ranges (path >= prefix and path < prefix || U+10FFFF), see the same rows in the same order on
-- both databases. Written by hand: drizzle-kit has no column collation. Indexes are rebuilt with it.
DO $$
DECLARE
  c record;
BEGIN
  FOR c IN
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND data_type = 'text' AND table_name <> 'arca_migrations'
  LOOP
    EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE text COLLATE "C"', c.table_name, c.column_name);
  END LOOP;
END $$;
