//! The fair form's rules: what is checked and how it is stored.
use super::*;

/// A fair form that passed every check.
pub struct CheckedFair {
    pub title_de: String,
    pub title_en: Option<String>,
    pub description_de: String,
    pub description_en: Option<String>,
    pub venue_name: String,
    pub venue_address: String,
    pub time_zone: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub registration_opens_at: i64,
    pub registration_closes_at: i64,
    pub invites_forwardable: bool,
}

impl CheckedFair {
    pub(super) fn values(&self) -> FairValues<'_> {
        // The form has a German and an English field each; German is the
        // fair's default language.
        let texts = vec![
            TextValues {
                locale: Locale::de,
                title: &self.title_de,
                description: &self.description_de,
            },
            TextValues {
                locale: Locale::en,
                title: self.title_en.as_deref().unwrap_or_default(),
                description: self.description_en.as_deref().unwrap_or_default(),
            },
        ];
        FairValues {
            texts,
            venue_name: &self.venue_name,
            venue_address: &self.venue_address,
            time_zone: &self.time_zone,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            registration_opens_at: self.registration_opens_at,
            registration_closes_at: self.registration_closes_at,
            invites_forwardable: i64::from(self.invites_forwardable),
        }
    }
}

pub(super) fn optional_text(raw: &str, max: usize) -> Result<Option<String>, Problem> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        required_text(raw, max).map(Some)
    }
}

/// Multi-line text: line breaks allowed, other control characters not.
pub(super) fn long_text(raw: &str, max: usize) -> Result<Option<String>, Problem> {
    let text = raw.trim().replace("\r\n", "\n");
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > max {
        return Err(Problem::TooLong { max: max as u32 });
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Problem::InvalidChoice);
    }
    Ok(Some(text))
}

pub(super) fn moment(raw: &str, zone: &str) -> Result<i64, Problem> {
    if raw.trim().is_empty() {
        return Err(Problem::Required);
    }
    time::parse_local(raw, zone).ok_or(Problem::InvalidDateTime)
}

/// Checks every field of the fair form and reports all problems at once.
pub fn check_fair_form(form: &FairForm) -> Result<CheckedFair, FieldErrors> {
    let mut e = FieldErrors::default();
    let title_de = collect(&mut e, "title_de", required_text(&form.title_de, TITLE_MAX));
    let title_en = collect(&mut e, "title_en", optional_text(&form.title_en, TITLE_MAX));
    let description_de = collect(
        &mut e,
        "description_de",
        long_text(&form.description_de, DESCRIPTION_MAX),
    );
    let description_en = collect(
        &mut e,
        "description_en",
        long_text(&form.description_en, DESCRIPTION_MAX),
    );
    let venue_name = collect(
        &mut e,
        "venue_name",
        required_text(&form.venue_name, VENUE_MAX),
    );
    let venue_address = collect(
        &mut e,
        "venue_address",
        required_text(&form.venue_address, VENUE_MAX),
    );
    let zone = match form.time_zone.trim() {
        "" => time::DEFAULT_ZONE.to_owned(),
        name if time::is_known_zone(name) => name.to_owned(),
        _ => {
            e.add("time_zone", Problem::InvalidChoice);
            time::DEFAULT_ZONE.to_owned()
        }
    };
    let starts = collect(&mut e, "starts", moment(&form.starts, &zone));
    let ends = collect(&mut e, "ends", moment(&form.ends, &zone));
    let opens = collect(
        &mut e,
        "registration_opens",
        moment(&form.registration_opens, &zone),
    );
    let closes = collect(
        &mut e,
        "registration_closes",
        moment(&form.registration_closes, &zone),
    );
    if let (Some(starts), Some(ends)) = (starts, ends)
        && ends <= starts
    {
        e.add("ends", Problem::EndBeforeStart);
    }
    if let (Some(opens), Some(closes)) = (opens, closes)
        && closes <= opens
    {
        e.add("registration_closes", Problem::EndBeforeStart);
    }
    if let (Some(closes), Some(ends)) = (closes, ends)
        && closes > ends
    {
        e.add("registration_closes", Problem::OutsideFair);
    }
    match (
        title_de,
        title_en,
        description_de,
        description_en,
        venue_name,
        venue_address,
        starts,
        ends,
        opens,
        closes,
    ) {
        (
            Some(title_de),
            Some(title_en),
            Some(description_de),
            Some(description_en),
            Some(venue_name),
            Some(venue_address),
            Some(starts_at),
            Some(ends_at),
            Some(registration_opens_at),
            Some(registration_closes_at),
        ) if e.is_empty() => Ok(CheckedFair {
            title_de,
            title_en,
            description_de: description_de.unwrap_or_default(),
            description_en,
            venue_name,
            venue_address,
            time_zone: zone,
            starts_at,
            ends_at,
            registration_opens_at,
            registration_closes_at,
            invites_forwardable: form
                .invites_forwardable
                .as_deref()
                .is_some_and(|v| !v.is_empty()),
        }),
        _ => Err(e),
    }
}

/// A URL name from a title: lower case, German umlauts spelled out, words
/// joined by dashes.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.to_lowercase().chars() {
        match c {
            'ä' => slug.push_str("ae"),
            'ö' => slug.push_str("oe"),
            'ü' => slug.push_str("ue"),
            'ß' => slug.push_str("ss"),
            'é' | 'è' | 'ê' => slug.push('e'),
            'á' | 'à' | 'â' => slug.push('a'),
            c if c.is_ascii_alphanumeric() => slug.push(c),
            _ if !slug.ends_with('-') && !slug.is_empty() => slug.push('-'),
            _ => {}
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(60).collect();
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        "messe".to_owned()
    } else {
        slug
    }
}
