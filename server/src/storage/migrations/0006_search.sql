-- Full-text search over ideas (titles weigh more), for "similar ideas" while a citizen types.
CREATE VIRTUAL TABLE idea_fts USING fts5(
    title, body,
    content = 'idea', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO idea_fts (rowid, title, body) SELECT rowid, title, body FROM idea;
CREATE TRIGGER idea_fts_insert AFTER INSERT ON idea BEGIN
    INSERT INTO idea_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
CREATE TRIGGER idea_fts_delete AFTER DELETE ON idea BEGIN
    INSERT INTO idea_fts (idea_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
END;
CREATE TRIGGER idea_fts_update AFTER UPDATE OF title, body ON idea BEGIN
    INSERT INTO idea_fts (idea_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
    INSERT INTO idea_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
