//! Employer profiles and jobs as forms send them and pages show them, with
//! their rules (pure, shared by server and browser).
use crate::{
    error::{FieldErrors, Problem},
    registration::model::{INDUSTRIES, JOB_TYPES},
    validation::{NAME_MAX, collect, required_text},
};
use serde::{Deserialize, Serialize};

/// Languages an employer can speak at the booth or a job can need.
pub const LANGUAGES: &[&str] = &[
    "de", "en", "tr", "ar", "uk", "ru", "pl", "ro", "fa", "fr", "es", "it",
];
pub const TEXT_MAX: usize = 200;
/// The largest logo accepted, in bytes.
pub const LOGO_MAX_BYTES: usize = 512 * 1024;

/// The picture type of an uploaded logo, read from its first bytes (the
/// name and the browser's claim are not trusted). SVG is refused: it can
/// carry scripts.
pub fn check_logo(bytes: &[u8]) -> Result<&'static str, Problem> {
    if bytes.is_empty() {
        return Err(Problem::Required);
    }
    if bytes.len() > LOGO_MAX_BYTES {
        return Err(Problem::FileTooLarge {
            max_kb: (LOGO_MAX_BYTES / 1024) as u32,
        });
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Ok("image/png")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Ok("image/jpeg")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Ok("image/webp")
    } else {
        Err(Problem::UnsupportedFile)
    }
}
pub const DESCRIPTION_MAX: usize = 1000;

/// The company profile form as typed; languages as ticked boxes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    pub name: String,
    pub address: String,
    pub industry: String,
    pub website: String,
    pub description: String,
    /// Comma-separated language codes (the page's checkboxes fill it).
    #[serde(default)]
    pub languages: String,
    pub film_url: String,
}

/// A profile that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedProfile {
    pub name: String,
    pub address: String,
    pub industry: String,
    pub website: String,
    pub description: String,
    pub languages: String,
    pub film_url: String,
}

/// An empty text, or one of at most `max` characters without control
/// characters (new lines allowed where `multi_line`).
fn optional_text(raw: &str, max: usize, multi_line: bool) -> Result<String, Problem> {
    let text = raw.trim();
    if text.chars().count() > max {
        return Err(Problem::TooLong { max: max as u32 });
    }
    if text
        .chars()
        .any(|c| c.is_control() && !(multi_line && (c == '\n' || c == '\r')))
    {
        return Err(Problem::InvalidChoice);
    }
    Ok(text.to_owned())
}

/// An empty text, or a web address starting with `https://` or `http://`
/// and a host (links in the directory must not run scripts).
pub fn optional_url(raw: &str) -> Result<String, Problem> {
    let url = optional_text(raw, TEXT_MAX, false)?;
    if url.is_empty() {
        return Ok(url);
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or(Problem::InvalidUrl)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || !host.contains('.') || url.chars().any(char::is_whitespace) {
        return Err(Problem::InvalidUrl);
    }
    Ok(url)
}

/// Known codes only, each once, in the catalogue's order.
fn code_list(chosen: &str, catalogue: &[&str]) -> Result<String, Problem> {
    let chosen: Vec<&str> = chosen
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if chosen.iter().any(|c| !catalogue.contains(c)) {
        return Err(Problem::InvalidChoice);
    }
    Ok(catalogue
        .iter()
        .filter(|code| chosen.contains(code))
        .copied()
        .collect::<Vec<_>>()
        .join(","))
}

pub fn check_profile(form: &ProfileForm) -> Result<CheckedProfile, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = collect(&mut errors, "name", required_text(&form.name, NAME_MAX));
    let address = collect(
        &mut errors,
        "address",
        optional_text(&form.address, TEXT_MAX, false),
    );
    let industry = collect(
        &mut errors,
        "industry",
        match form.industry.trim() {
            "" => Ok(String::new()),
            code if INDUSTRIES.contains(&code) => Ok(code.to_owned()),
            _ => Err(Problem::InvalidChoice),
        },
    );
    let website = collect(&mut errors, "website", optional_url(&form.website));
    let description = collect(
        &mut errors,
        "description",
        optional_text(&form.description, DESCRIPTION_MAX, true),
    );
    let languages = collect(
        &mut errors,
        "languages",
        code_list(&form.languages, LANGUAGES),
    );
    let film_url = collect(&mut errors, "film_url", optional_url(&form.film_url));
    match (
        name,
        address,
        industry,
        website,
        description,
        languages,
        film_url,
    ) {
        (
            Some(name),
            Some(address),
            Some(industry),
            Some(website),
            Some(description),
            Some(languages),
            Some(film_url),
        ) if errors.is_empty() => Ok(CheckedProfile {
            name,
            address,
            industry,
            website,
            description,
            languages,
            film_url,
        }),
        _ => Err(errors),
    }
}

/// What the profile page shows and fills the form with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub organisation_id: i64,
    pub name: String,
    pub address: String,
    pub industry: String,
    pub website: String,
    pub description: String,
    pub languages: Vec<String>,
    pub film_url: String,
    pub has_logo: bool,
}

/// A job form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobForm {
    pub title: String,
    pub kind: String,
    pub place_of_work: String,
    /// `YYYY-MM-DD` from a date field, or empty ("by arrangement").
    pub starts_on: String,
    /// Comma-separated language codes.
    #[serde(default)]
    pub languages: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedJob {
    pub title: String,
    pub kind: String,
    pub place_of_work: String,
    pub starts_on: String,
    pub languages: String,
    pub description: String,
}

/// A calendar date as `YYYY-MM-DD`, or empty.
fn optional_date(raw: &str) -> Result<String, Problem> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y, m, d] => match (number(y, 4), number(m, 2), number(d, 2)) {
            (Some(_), Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => {
                Ok(text.to_owned())
            }
            _ => Err(Problem::InvalidDateTime),
        },
        _ => Err(Problem::InvalidDateTime),
    }
}

pub fn check_job(form: &JobForm) -> Result<CheckedJob, FieldErrors> {
    let mut errors = FieldErrors::default();
    let title = collect(&mut errors, "title", required_text(&form.title, TEXT_MAX));
    let kind = collect(
        &mut errors,
        "kind",
        match form.kind.trim() {
            "" => Err(Problem::Required),
            code if JOB_TYPES.contains(&code) => Ok(code.to_owned()),
            _ => Err(Problem::InvalidChoice),
        },
    );
    let place = collect(
        &mut errors,
        "place_of_work",
        optional_text(&form.place_of_work, TEXT_MAX, false),
    );
    let starts_on = collect(&mut errors, "starts_on", optional_date(&form.starts_on));
    let languages = collect(
        &mut errors,
        "languages",
        code_list(&form.languages, LANGUAGES),
    );
    let description = collect(
        &mut errors,
        "description",
        optional_text(&form.description, DESCRIPTION_MAX, true),
    );
    match (title, kind, place, starts_on, languages, description) {
        (
            Some(title),
            Some(kind),
            Some(place_of_work),
            Some(starts_on),
            Some(languages),
            Some(description),
        ) if errors.is_empty() => Ok(CheckedJob {
            title,
            kind,
            place_of_work,
            starts_on,
            languages,
            description,
        }),
        _ => Err(errors),
    }
}

/// A job as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobView {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub place_of_work: String,
    /// As entered (`YYYY-MM-DD`), shown as `DD.MM.YYYY`; empty: by arrangement.
    pub starts_on: String,
    pub languages: Vec<String>,
    pub description: String,
}

/// `2027-08-01` as `01.08.2027`.
pub fn german_date(iso: &str) -> String {
    match iso.split('-').collect::<Vec<_>>().as_slice() {
        [y, m, d] => format!("{d}.{m}.{y}"),
        _ => iso.to_owned(),
    }
}

/// The employer's jobs page for one fair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobsPage {
    pub organisation_id: i64,
    pub employer: String,
    pub fair_id: i64,
    pub fair_title: String,
    pub fair_slug: String,
    pub jobs: Vec<JobView>,
}

/// One exhibitor in the public directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryEntry {
    pub organisation_id: i64,
    pub name: String,
    pub industry: String,
    pub languages: Vec<String>,
    pub booths: Vec<String>,
    pub jobs: Vec<JobView>,
    pub has_logo: bool,
}

/// Filters of the directory (all optional, from the address).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryFilter {
    #[serde(default)]
    pub industry: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub language: String,
}

impl DirectoryFilter {
    pub fn admits(&self, entry: &DirectoryEntry) -> bool {
        (self.industry.is_empty() || entry.industry == self.industry)
            && (self.kind.is_empty() || entry.jobs.iter().any(|j| j.kind == self.kind))
            && (self.language.is_empty() || entry.languages.contains(&self.language))
    }
}

/// The fair's directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Directory {
    pub fair_title: String,
    pub slug: String,
    pub entries: Vec<DirectoryEntry>,
    /// Before filtering.
    pub total: usize,
}

/// An exhibitor's page at a fair: profile, jobs, and the plan with its booth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExhibitorPage {
    pub fair_title: String,
    pub slug: String,
    pub profile: Profile,
    pub booths: Vec<String>,
    pub booth_ids: Vec<i64>,
    pub halls: Vec<crate::floorplan::Hall>,
    pub jobs: Vec<JobView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> ProfileForm {
        ProfileForm {
            name: "Rhein-Main Airport Services GmbH".into(),
            website: "https://airport-services.example".into(),
            languages: "en,de".into(),
            industry: "aviation".into(),
            ..ProfileForm::default()
        }
    }

    #[test]
    fn a_good_profile_is_kept_in_catalogue_order() {
        let checked = check_profile(&profile()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(checked.languages, "de,en");
        assert_eq!(checked.industry, "aviation");
    }

    #[test]
    fn logos_are_pictures_by_their_bytes() {
        assert_eq!(check_logo(b"\x89PNG\r\n\x1a\n...."), Ok("image/png"));
        assert_eq!(check_logo(&[0xff, 0xd8, 0xff, 0xe0, 0]), Ok("image/jpeg"));
        assert_eq!(check_logo(b"RIFF\0\0\0\0WEBPVP8 "), Ok("image/webp"));
        assert_eq!(
            check_logo(b"<svg onload=alert(1)>"),
            Err(Problem::UnsupportedFile)
        );
        assert_eq!(check_logo(b""), Err(Problem::Required));
        let big = [b"\x89PNG\r\n\x1a\n".as_slice(), &vec![0; LOGO_MAX_BYTES]].concat();
        assert_eq!(check_logo(&big), Err(Problem::FileTooLarge { max_kb: 512 }));
    }

    #[test]
    fn links_must_be_web_addresses() {
        for bad in [
            "javascript:alert(1)",
            "ftp://x.example",
            "https://",
            "https://localhost",
            "https://a b.example",
        ] {
            assert_eq!(optional_url(bad), Err(Problem::InvalidUrl), "{bad}");
        }
        assert_eq!(
            optional_url(" https://youtu.be/abc ").as_deref(),
            Ok("https://youtu.be/abc")
        );
        assert_eq!(optional_url("").as_deref(), Ok(""));
    }

    #[test]
    fn every_bad_field_is_named() {
        let form = ProfileForm {
            name: " ".into(),
            industry: "piracy".into(),
            film_url: "data:text/html,x".into(),
            languages: "klingon".into(),
            description: "x".repeat(DESCRIPTION_MAX + 1),
            ..profile()
        };
        let errors = check_profile(&form).err().unwrap_or_default();
        assert_eq!(errors.get("name"), Some(Problem::Required));
        assert_eq!(errors.get("industry"), Some(Problem::InvalidChoice));
        assert_eq!(errors.get("film_url"), Some(Problem::InvalidUrl));
        assert_eq!(errors.get("languages"), Some(Problem::InvalidChoice));
        assert_eq!(
            errors.get("description"),
            Some(Problem::TooLong { max: 1000 })
        );
    }

    #[test]
    fn jobs_need_a_title_and_a_known_type() {
        let job = JobForm {
            title: "Fachkraft für Lagerlogistik".into(),
            kind: "apprenticeship".into(),
            starts_on: "2027-08-01".into(),
            ..JobForm::default()
        };
        assert_eq!(
            check_job(&job).map(|j| j.starts_on).ok().as_deref(),
            Some("2027-08-01")
        );
        let bad = JobForm {
            title: String::new(),
            kind: "gig".into(),
            starts_on: "1.8.2027".into(),
            ..job
        };
        let errors = check_job(&bad).err().unwrap_or_default();
        assert_eq!(errors.get("title"), Some(Problem::Required));
        assert_eq!(errors.get("kind"), Some(Problem::InvalidChoice));
        assert_eq!(errors.get("starts_on"), Some(Problem::InvalidDateTime));
        assert_eq!(german_date("2027-08-01"), "01.08.2027");
    }

    #[test]
    fn the_directory_filters_by_industry_job_type_and_language() {
        let entry = DirectoryEntry {
            organisation_id: 1,
            name: "A".into(),
            industry: "logistics".into(),
            languages: vec!["de".into(), "tr".into()],
            booths: vec![],
            has_logo: false,
            jobs: vec![JobView {
                id: 1,
                title: "Lager".into(),
                kind: "mini_job".into(),
                place_of_work: String::new(),
                starts_on: String::new(),
                languages: vec![],
                description: String::new(),
            }],
        };
        let filter = |industry: &str, kind: &str, language: &str| DirectoryFilter {
            industry: industry.into(),
            kind: kind.into(),
            language: language.into(),
        };
        assert!(filter("", "", "").admits(&entry));
        assert!(filter("logistics", "mini_job", "tr").admits(&entry));
        assert!(!filter("it", "", "").admits(&entry));
        assert!(!filter("", "apprenticeship", "").admits(&entry));
        assert!(!filter("", "", "ar").admits(&entry));
    }
}
