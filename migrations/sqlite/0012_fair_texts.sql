-- A fair's texts per language (title, description) instead of one column
-- pair per language: a new language needs no migration. A fair reads in
-- its default language where a translation is missing.
CREATE TABLE fair_texts (
    fair_id INTEGER NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
    locale TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (fair_id, locale)
);

ALTER TABLE fairs ADD COLUMN default_locale TEXT NOT NULL DEFAULT 'de';

INSERT INTO fair_texts (fair_id, locale, title, description)
SELECT id, 'de', title_de, description_de FROM fairs;

INSERT INTO fair_texts (fair_id, locale, title, description)
SELECT id, 'en', COALESCE(title_en, ''), COALESCE(description_en, '') FROM fairs
WHERE COALESCE(title_en, '') <> '' OR COALESCE(description_en, '') <> '';

ALTER TABLE fairs DROP COLUMN title_de;
ALTER TABLE fairs DROP COLUMN title_en;
ALTER TABLE fairs DROP COLUMN description_de;
ALTER TABLE fairs DROP COLUMN description_en;
