//! Planning rules for fairs: who may change a fair, its form, its status
//! steps, co-organisers and time slots. Reading views live in `views.rs`.
use super::{
    model::{
        CAPACITY_MAX, DESCRIPTION_MAX, EntryMode, FairForm, FairStatus, SlotForm, TITLE_MAX,
        VENUE_MAX,
    },
    store::{self, FairRow, FairValues, SlotValues},
    texts::TextValues,
    time,
};
use crate::{
    auth::CurrentUser,
    error::{FORM, FieldErrors, Problem},
    i18n::Locale,
    organisations::{OrgKind, Role, service as orgs},
    places::{Places, Resized, store as places_store},
    service_error::{ServiceError, ServiceResult},
    state::AppState,
    validation::{collect, required_text},
};

/// The fair, if the person may plan it: an owner or organiser of the lead
/// organisation or of a co-organiser. `NotFound` if there is no such fair.
pub async fn require_planner(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
) -> ServiceResult<FairRow> {
    let fair = store::fair_by_id(state.db.pool(), fair_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let roles = store::roles_for_fair(state.db.pool(), fair_id, user.id).await?;
    if roles
        .iter()
        .filter_map(|r| Role::parse(r))
        .any(Role::can_plan_fairs)
    {
        Ok(fair)
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// The fair, if the person may plan it and it can still change: archived
/// fairs are read-only everywhere (slots, co-organisers, halls, booths,
/// bookings, invitations, the door's settings and tokens).
pub async fn require_changeable(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
) -> ServiceResult<FairRow> {
    let fair = require_planner(state, user, fair_id).await?;
    if fair.status == FairStatus::Archived.as_str() {
        return Err(ServiceError::invalid(FORM, Problem::Archived));
    }
    Ok(fair)
}

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
    fn values(&self) -> FairValues<'_> {
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

fn optional_text(raw: &str, max: usize) -> Result<Option<String>, Problem> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        required_text(raw, max).map(Some)
    }
}

/// Multi-line text: line breaks allowed, other control characters not.
fn long_text(raw: &str, max: usize) -> Result<Option<String>, Problem> {
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

fn moment(raw: &str, zone: &str) -> Result<i64, Problem> {
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

/// Creates a draft fair for an organiser organisation the person plans for.
pub async fn create_fair(
    state: &AppState,
    user: &CurrentUser,
    org_id: i64,
    form: &FairForm,
) -> ServiceResult<i64> {
    let membership = orgs::require_membership(state, user, org_id).await?;
    if membership.kind != OrgKind::Organiser || !membership.role.can_plan_fairs() {
        return Err(ServiceError::Forbidden);
    }
    let fair = check_fair_form(form)?;
    let mut tx = state.db.begin().await?;
    let base = slugify(&fair.title_de);
    let mut slug = base.clone();
    let mut n = 2;
    while store::slug_taken(&mut tx, &slug).await? {
        slug = format!("{base}-{n}");
        n += 1;
    }
    let id = store::insert_fair(&mut tx, &slug, org_id, &fair.values(), state.now()).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_fair(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    form: &FairForm,
) -> ServiceResult<()> {
    require_changeable(state, user, fair_id).await?;
    let fair = check_fair_form(form)?;
    let mut tx = state.db.begin().await?;
    if store::count_slots_outside(&mut tx, fair_id, fair.starts_at, fair.ends_at).await? > 0 {
        return Err(ServiceError::invalid("ends", Problem::OutsideFair));
    }
    store::update_fair(&mut tx, fair_id, &fair.values(), state.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Moves the fair to its next status, if that step makes sense. Publishing
/// needs at least one time slot.
pub async fn change_status(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    next: &str,
) -> ServiceResult<FairStatus> {
    let fair = require_planner(state, user, fair_id).await?;
    let current = FairStatus::parse(&fair.status).ok_or(ServiceError::NotFound)?;
    let next = FairStatus::parse(next)
        .ok_or_else(|| ServiceError::invalid("status", Problem::InvalidChoice))?;
    if !current.can_become(next) {
        return Err(ServiceError::invalid(FORM, Problem::TransitionNotAllowed));
    }
    if next == FairStatus::Published {
        // Publishing speaks to the public: only an approved organiser may.
        crate::admin::service::require_approved(state, fair.organisation_id).await?;
    }
    let mut tx = state.db.begin().await?;
    if next == FairStatus::Published && store::count_slots(&mut tx, fair_id).await? == 0 {
        return Err(ServiceError::invalid(FORM, Problem::NeedsSlot));
    }
    if !store::change_status(
        &mut tx,
        fair_id,
        current.as_str(),
        next.as_str(),
        state.now(),
    )
    .await?
    {
        return Err(ServiceError::invalid(FORM, Problem::TransitionNotAllowed));
    }
    if next == FairStatus::Published {
        // Scanners can fetch the ticket key before the first registration.
        crate::tickets::keys::current_signer(
            &mut tx,
            &state.config.ticket_secret,
            fair_id,
            state.now(),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(next)
}

/// Adds another organiser organisation to run the fair with the same rights.
pub async fn add_co_organiser(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    org_id: i64,
) -> ServiceResult<()> {
    require_changeable(state, user, fair_id).await?;
    let mut tx = state.db.begin().await?;
    match store::organisation_kind(&mut tx, org_id).await?.as_deref() {
        Some(kind) if OrgKind::parse(kind) == Some(OrgKind::Organiser) => {}
        _ => {
            return Err(ServiceError::invalid(
                "organisation_id",
                Problem::InvalidChoice,
            ));
        }
    }
    if !store::insert_organiser(&mut tx, fair_id, org_id).await? {
        return Err(ServiceError::invalid(
            "organisation_id",
            Problem::AlreadyMember,
        ));
    }
    tx.commit().await?;
    Ok(())
}

/// Removes a co-organiser; the lead organisation stays.
pub async fn remove_co_organiser(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    org_id: i64,
) -> ServiceResult<()> {
    require_changeable(state, user, fair_id).await?;
    let mut tx = state.db.begin().await?;
    if !store::delete_organiser(&mut tx, fair_id, org_id).await? {
        return Err(ServiceError::invalid(FORM, Problem::InvalidChoice));
    }
    tx.commit().await?;
    Ok(())
}

/// Checks a slot form against the fair's opening hours.
pub fn check_slot_form(form: &SlotForm, fair: &FairRow) -> Result<SlotValues, FieldErrors> {
    let mut e = FieldErrors::default();
    let starts = collect(&mut e, "starts", moment(&form.starts, &fair.time_zone));
    let ends = collect(&mut e, "ends", moment(&form.ends, &fair.time_zone));
    let capacity = collect(&mut e, "capacity", parse_capacity(&form.capacity));
    let entry_mode = collect(
        &mut e,
        "entry_mode",
        EntryMode::parse(&form.entry_mode).ok_or(Problem::InvalidChoice),
    );
    if let (Some(starts), Some(ends)) = (starts, ends) {
        if ends <= starts {
            e.add("ends", Problem::EndBeforeStart);
        } else if starts < fair.starts_at || ends > fair.ends_at {
            e.add("starts", Problem::OutsideFair);
        }
    }
    match (starts, ends, capacity, entry_mode) {
        (Some(starts_at), Some(ends_at), Some(capacity), Some(mode)) if e.is_empty() => {
            Ok(SlotValues {
                starts_at,
                ends_at,
                capacity,
                entry_mode: mode.as_str(),
            })
        }
        _ => Err(e),
    }
}

fn parse_capacity(raw: &str) -> Result<i64, Problem> {
    let text = raw.trim().replace(['.', ' '], "");
    if text.is_empty() {
        return Err(Problem::Required);
    }
    let n: i64 = text.parse().map_err(|_| Problem::NotANumber)?;
    if !(1..=i64::from(CAPACITY_MAX)).contains(&n) {
        return Err(Problem::OutOfRange {
            min: 1,
            max: CAPACITY_MAX,
        });
    }
    Ok(n)
}

pub async fn add_slot(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    form: &SlotForm,
) -> ServiceResult<i64> {
    let fair = require_changeable(state, user, fair_id).await?;
    let values = check_slot_form(form, &fair)?;
    let mut tx = state.db.begin().await?;
    let id = store::insert_slot(&mut tx, fair_id, &values).await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes a slot. A capacity below the places already taken is refused,
/// decided by the database in the same statement that writes it.
pub async fn update_slot(
    state: &AppState,
    user: &CurrentUser,
    slot_id: i64,
    form: &SlotForm,
) -> ServiceResult<()> {
    let fair_id = store::slot_fair(state.db.pool(), slot_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let fair = require_changeable(state, user, fair_id).await?;
    let values = check_slot_form(form, &fair)?;
    let ticket_context = crate::tickets::issue::fair_context(state, &fair).await?;
    let mut tx = state.db.begin().await?;
    match places_store::resize(&mut tx, Places::admission_slot(slot_id), values.capacity).await? {
        Resized::Done => {}
        Resized::BelowTaken { taken } => {
            return Err(ServiceError::invalid(
                "capacity",
                Problem::BelowTaken {
                    taken: u32::try_from(taken).unwrap_or(u32::MAX),
                },
            ));
        }
        Resized::NotFound => return Err(ServiceError::NotFound),
    }
    store::update_slot_times(&mut tx, slot_id, &values).await?;
    // More places: the waitlist moves up at once.
    crate::registration::service::fill_from_waitlist(
        state,
        &ticket_context,
        &mut tx,
        &fair,
        slot_id,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a slot nobody registered for.
pub async fn delete_slot(state: &AppState, user: &CurrentUser, slot_id: i64) -> ServiceResult<()> {
    let fair_id = store::slot_fair(state.db.pool(), slot_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    require_changeable(state, user, fair_id).await?;
    let mut tx = state.db.begin().await?;
    if !store::delete_unused_slot(&mut tx, slot_id).await? {
        return Err(ServiceError::invalid(FORM, Problem::InUse));
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> FairForm {
        FairForm {
            title_de: "Jobmesse Kassel".into(),
            venue_name: "Messe Kassel".into(),
            venue_address: "Damaschkestraße 55, 34121 Kassel".into(),
            starts: "2027-05-04T09:00".into(),
            ends: "2027-05-04T16:00".into(),
            registration_opens: "2027-04-01T08:00".into(),
            registration_closes: "2027-05-04T12:00".into(),
            ..Default::default()
        }
    }

    #[test]
    fn slugs_spell_out_umlauts() {
        assert_eq!(
            slugify("Jobmesse Gießen – Frühjahr 2027"),
            "jobmesse-giessen-fruehjahr-2027"
        );
        assert_eq!(slugify("!!!"), "messe");
    }

    #[test]
    fn a_complete_fair_form_passes_and_times_are_venue_local() {
        let fair = check_fair_form(&form()).map_err(|e| format!("{e:?}"));
        let fair = fair.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fair.time_zone, "Europe/Berlin");
        assert_eq!(fair.ends_at - fair.starts_at, 7 * 3600);
        assert_eq!(fair.title_en, None);
    }

    #[test]
    fn every_wrong_field_is_reported_at_once() {
        let mut f = form();
        f.title_de = " ".into();
        f.ends = "2027-05-04T08:00".into();
        f.registration_closes = "2027-05-05T08:00".into();
        f.time_zone = "Mars/Olympus".into();
        f.starts = f.starts.clone();
        let errors = check_fair_form(&f).err().unwrap_or_default();
        assert_eq!(errors.get("title_de"), Some(Problem::Required));
        assert_eq!(errors.get("ends"), Some(Problem::EndBeforeStart));
        assert_eq!(
            errors.get("registration_closes"),
            Some(Problem::OutsideFair)
        );
        assert_eq!(errors.get("time_zone"), Some(Problem::InvalidChoice));
        f.starts = "morgen".into();
        let errors = check_fair_form(&f).err().unwrap_or_default();
        assert_eq!(errors.get("starts"), Some(Problem::InvalidDateTime));
    }

    #[test]
    fn capacities_are_whole_positive_numbers() {
        assert_eq!(parse_capacity("1.500"), Ok(1500));
        assert_eq!(
            parse_capacity("0"),
            Err(Problem::OutOfRange {
                min: 1,
                max: CAPACITY_MAX
            })
        );
        assert_eq!(parse_capacity("viele"), Err(Problem::NotANumber));
        assert_eq!(parse_capacity(""), Err(Problem::Required));
    }
}
