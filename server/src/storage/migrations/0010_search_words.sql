-- "Similar ideas" follows one rule on the server and in the app's offline replica
-- (werkstadt_domain::search): the index now holds the domain's words of each title
-- (search::index_text: lower-case, accents folded, split at punctuation), and the `ascii`
-- tokenizer only splits them at the spaces between them. It is rebuilt from the titles
-- (storage::search::flush runs when the store opens).
DROP TABLE idea_fts;
CREATE VIRTUAL TABLE idea_fts USING fts5(
    words,
    content = '', contentless_delete = 1,
    tokenize = 'ascii'
);
UPDATE idea_fts_state SET watermark = 0;
DELETE FROM idea_fts_queue;
