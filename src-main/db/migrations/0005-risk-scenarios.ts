/**
 * The user's stress scenarios (edited in the app; the built-in ones stay files in
 * assets/scenarios). Append-only versions: every save adds a version and a delete adds a
 * tombstone (body NULL), so no edit is ever lost; the current scenario is the latest version.
 * The body is the scenario JSON as validated by the zod schema when it was saved.
 */
export const sql = `
CREATE TABLE risk_scenarios (
  id TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 80),
  version INTEGER NOT NULL CHECK (version >= 1),
  saved_ms INTEGER NOT NULL,
  body TEXT CHECK (body IS NULL OR json_valid(body)),
  PRIMARY KEY (id, version)
) WITHOUT ROWID;
`;
