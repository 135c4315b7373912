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

mod form;
mod lifecycle;
mod slots;

pub use form::*;
pub use lifecycle::*;
pub use slots::*;

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
