//! A fair's texts per language (title, description), one `fair_texts` row
//! each: which text a reader sees, and their SQL. A reader whose language
//! has no (or an empty) text reads the fair's default language.
use crate::{db::Tx, i18n::Locale};
use leptos_i18n::Locale as _;
use sqlx::{AnyPool, FromRow};
use std::collections::HashMap;

/// One language's texts of a fair, as stored.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct FairText {
    pub fair_id: i64,
    pub locale: String,
    pub title: String,
    pub description: String,
}

/// All texts of one fair.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FairTexts {
    default_locale: String,
    texts: Vec<FairText>,
}

impl FairTexts {
    pub fn new(default_locale: &str, texts: Vec<FairText>) -> Self {
        Self {
            default_locale: default_locale.to_owned(),
            texts,
        }
    }

    fn exact(&self, locale: &str) -> Option<&FairText> {
        self.texts.iter().find(|t| t.locale == locale)
    }

    /// The text for the reader's language when it is given, else the
    /// default language's.
    fn pick(&self, locale: Locale, field: impl Fn(&FairText) -> &str) -> String {
        self.exact(locale.as_str())
            .map(&field)
            .filter(|text| !text.is_empty())
            .or_else(|| self.exact(&self.default_locale).map(&field))
            .unwrap_or_default()
            .to_owned()
    }

    /// The title the reader sees.
    pub fn title(&self, locale: Locale) -> String {
        self.pick(locale, |t| &t.title)
    }

    /// The description the reader sees.
    pub fn description(&self, locale: Locale) -> String {
        self.pick(locale, |t| &t.description)
    }

    /// The title exactly as typed for a language ("" when missing): what
    /// the organiser's form shows.
    pub fn typed_title(&self, locale: Locale) -> String {
        self.exact(locale.as_str())
            .map(|t| t.title.clone())
            .unwrap_or_default()
    }

    /// The description exactly as typed for a language.
    pub fn typed_description(&self, locale: Locale) -> String {
        self.exact(locale.as_str())
            .map(|t| t.description.clone())
            .unwrap_or_default()
    }
}

/// One language's texts as an organiser saved them.
pub struct TextValues<'a> {
    pub locale: Locale,
    pub title: &'a str,
    pub description: &'a str,
}

const TEXT_COLUMNS: &str = "fair_id, locale, title, description";

/// The texts of one fair.
pub async fn texts_of<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    fair_id: i64,
    default_locale: &str,
) -> sqlx::Result<FairTexts> {
    let rows = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {TEXT_COLUMNS} FROM fair_texts WHERE fair_id = $1 ORDER BY locale"
    )))
    .bind(fair_id)
    .fetch_all(executor)
    .await?;
    Ok(FairTexts::new(default_locale, rows))
}

/// The texts of several fairs in one query, by fair id; each with its
/// default language.
pub async fn texts_of_fairs(
    pool: &AnyPool,
    fairs: &[(i64, &str)],
) -> sqlx::Result<HashMap<i64, FairTexts>> {
    if fairs.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<String> = fairs.iter().map(|(id, _)| id.to_string()).collect();
    let rows: Vec<FairText> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {TEXT_COLUMNS} FROM fair_texts WHERE fair_id IN ({}) ORDER BY fair_id, locale",
        ids.join(", ")
    )))
    .fetch_all(pool)
    .await?;
    let mut by_fair: HashMap<i64, FairTexts> = fairs
        .iter()
        .map(|(id, default)| (*id, FairTexts::new(default, Vec::new())))
        .collect();
    for row in rows {
        if let Some(texts) = by_fair.get_mut(&row.fair_id) {
            texts.texts.push(row);
        }
    }
    Ok(by_fair)
}

/// Stores a fair's texts: a language with neither title nor description
/// loses its row, so readers of it see the default language.
pub async fn save_texts(tx: &mut Tx, fair_id: i64, texts: &[TextValues<'_>]) -> sqlx::Result<()> {
    for text in texts {
        if text.title.is_empty() && text.description.is_empty() {
            sqlx::query("DELETE FROM fair_texts WHERE fair_id = $1 AND locale = $2")
                .bind(fair_id)
                .bind(text.locale.as_str())
                .execute(&mut **tx)
                .await?;
            continue;
        }
        sqlx::query(
            "INSERT INTO fair_texts (fair_id, locale, title, description) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (fair_id, locale) DO UPDATE SET title = excluded.title, description = excluded.description",
        )
        .bind(fair_id)
        .bind(text.locale.as_str())
        .bind(text.title)
        .bind(text.description)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// SQL for a fair's title in the language bound at `param` (e.g. `$2`),
/// falling back to its default language; `fair` is the query's alias for
/// the `fairs` table.
pub fn title_sql(fair: &str, param: &str) -> String {
    format!(
        "COALESCE((SELECT t.title FROM fair_texts t WHERE t.fair_id = {fair}.id \
           AND t.locale = {param} AND t.title <> ''), \
         (SELECT t.title FROM fair_texts t WHERE t.fair_id = {fair}.id \
           AND t.locale = {fair}.default_locale), '')"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(locale: &str, title: &str, description: &str) -> FairText {
        FairText {
            fair_id: 1,
            locale: locale.into(),
            title: title.into(),
            description: description.into(),
        }
    }

    #[test]
    fn a_missing_or_empty_translation_reads_the_default_language() {
        let texts = FairTexts::new(
            "de",
            vec![
                text("de", "Jobmesse Kassel", "Arbeitgeber aus der Region."),
                text("en", "", "Employers from the region."),
            ],
        );
        assert_eq!(texts.title(Locale::en), "Jobmesse Kassel");
        assert_eq!(texts.description(Locale::en), "Employers from the region.");
        assert_eq!(texts.typed_title(Locale::en), "");
        let german_only = FairTexts::new("de", vec![text("de", "Jobtag", "")]);
        assert_eq!(german_only.title(Locale::en), "Jobtag");
        assert_eq!(german_only.typed_description(Locale::en), "");
        assert_eq!(FairTexts::default().title(Locale::de), "");
    }
}
