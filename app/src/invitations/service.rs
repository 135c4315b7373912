//! Invitation rules: only the fair's planners invite; every row is checked
//! (again) on the server; an address is invited once per fair, never after
//! it unsubscribed; each invitation and its mail are written together.
use super::{
    csv_import,
    model::{
        CheckedRow, ImportPreview, InvitationsView, InviteItem, InviteKind, InviteRow, InviteState,
        RowStatus, check_row,
    },
    store::{self, NewInvite},
};
use crate::{
    auth::CurrentUser,
    error::{FieldError, Problem},
    fairs::{
        service::{require_changeable, require_planner},
        store as fair_store,
        store::FairRow,
        time,
    },
    i18n::Locale,
    language::dates,
    mail::{self, outbox::Envelope, templates::FairInvitation},
    service_error::{ServiceError, ServiceResult},
    state::AppState,
    tokens,
};
use std::collections::HashSet;

/// Slot start times ("09:00") with their ids and labels.
async fn slot_choices(
    state: &AppState,
    fair: &FairRow,
    locale: Locale,
) -> ServiceResult<Vec<(String, i64, String)>> {
    Ok(fair_store::slots(state.db.pool(), fair.id)
        .await?
        .into_iter()
        .map(|s| {
            let start = time::input_value(s.starts_at, &fair.time_zone);
            (
                start[11..].to_owned(),
                s.id,
                dates::range(locale, s.starts_at, s.ends_at, &fair.time_zone),
            )
        })
        .collect())
}

fn problems(errors: crate::error::FieldErrors) -> Vec<FieldError> {
    errors.0
}

/// Checks every row of a list and says what would happen to it; writes
/// nothing.
pub async fn check_list(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    csv_text: &str,
    kind: InviteKind,
) -> ServiceResult<ImportPreview> {
    let fair = require_changeable(state, user, fair_id).await?;
    let rows = csv_import::read_rows(csv_text)?;
    // The labels are not read here, only the start times.
    let slots = slot_choices(state, &fair, Locale::default()).await?;
    check_rows(state, &fair, &slots, rows, kind).await
}

async fn check_rows(
    state: &AppState,
    fair: &FairRow,
    slots: &[(String, i64, String)],
    rows: Vec<InviteRow>,
    kind: InviteKind,
) -> ServiceResult<ImportPreview> {
    let slots: Vec<String> = slots.iter().map(|(start, _, _)| start.clone()).collect();
    let invited: HashSet<String> = store::invited_emails(state.db.pool(), fair.id, kind.as_str())
        .await?
        .into_iter()
        .collect();
    let unsubscribed: HashSet<String> = store::unsubscribed(state.db.pool())
        .await?
        .into_iter()
        .collect();
    let mut seen = HashSet::new();
    let rows = rows
        .into_iter()
        .map(|row| match check_row(&row, &slots) {
            Err(errors) => CheckedRow {
                row,
                status: RowStatus::Invalid,
                problems: problems(errors),
            },
            Ok(clean) => {
                let status = if !seen.insert(clean.email.clone()) {
                    RowStatus::Duplicate
                } else if invited.contains(&clean.email) {
                    RowStatus::AlreadyInvited
                } else if unsubscribed.contains(&clean.email) {
                    RowStatus::Unsubscribed
                } else {
                    RowStatus::Ready
                };
                CheckedRow {
                    row: clean,
                    status,
                    problems: Vec::new(),
                }
            }
        })
        .collect();
    Ok(ImportPreview { rows })
}

/// Invites the rows that pass every check, in one transaction with their
/// mails; returns how many were invited. Safe to send again: addresses
/// already invited are skipped.
pub async fn invite(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    rows: Vec<InviteRow>,
    kind: InviteKind,
) -> ServiceResult<usize> {
    let fair = require_changeable(state, user, fair_id).await?;
    // Invitations go out in the organisation's name: not before approval.
    crate::admin::service::require_approved(state, fair.organisation_id).await?;
    if rows.len() > super::model::CHUNK * 4 {
        return Err(ServiceError::invalid(
            crate::error::FORM,
            Problem::TooLong {
                max: (super::model::CHUNK * 4) as u32,
            },
        ));
    }
    let single = rows.len() == 1;
    let slots = slot_choices(state, &fair, Locale::default()).await?;
    let preview = check_rows(state, &fair, &slots, rows, kind).await?;
    if single {
        // One person typed into the form: say what is wrong with it.
        if let Some(row) = preview.rows.first() {
            match row.status {
                RowStatus::Invalid => {
                    return Err(ServiceError::Invalid(crate::error::FieldErrors(
                        row.problems.clone(),
                    )));
                }
                RowStatus::AlreadyInvited | RowStatus::Duplicate => {
                    return Err(ServiceError::invalid("email", Problem::AlreadyMember));
                }
                RowStatus::Unsubscribed => {
                    return Err(ServiceError::invalid("email", Problem::InUse));
                }
                RowStatus::Ready => {}
            }
        }
    }
    let organisation = store::organisation_name(state.db.pool(), fair.organisation_id).await?;
    let venue = format!("{}, {}", fair.venue_name, fair.venue_address);
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let mut invited = 0;
    for row in preview.ready() {
        let (token, token_hash) = tokens::new_token();
        let (unsubscribe_token, unsubscribe_hash) = tokens::new_token();
        let slot_id = slots
            .iter()
            .find(|(start, _, _)| *start == row.slot)
            .map(|(_, id, _)| *id);
        let new = NewInvite {
            fair_id,
            kind: kind.as_str(),
            name: &row.name,
            email: &row.email,
            locale: &row.locale,
            slot_id,
            token_hash: &token_hash,
            unsubscribe_hash: &unsubscribe_hash,
            invited_by: user.id,
            now,
        };
        let Some(invite_id) = store::insert_invite(&mut tx, &new).await? else {
            continue;
        };
        let locale = crate::language::or_default(&row.locale);
        let title = fair.texts.title(locale);
        let when = dates::range(locale, fair.starts_at, fair.ends_at, &fair.time_zone);
        // Jobseekers land on the registration form, filled in from the
        // invitation; employers on the fair page with the floor plan.
        let page = if kind == InviteKind::Jobseeker {
            "/register"
        } else {
            ""
        };
        let link = format!(
            "{}/fairs/{}{page}?invite={token}",
            state.config.public_url, fair.slug
        );
        let unsubscribe_link = format!(
            "{}/unsubscribe/{unsubscribe_token}",
            state.config.public_url
        );
        let message = mail::templates::fair_invitation(
            locale,
            &FairInvitation {
                name: &row.name,
                organisation: &organisation,
                fair: &title,
                when: &when,
                venue: &venue,
                link: &link,
                unsubscribe_link: &unsubscribe_link,
                employer: kind == InviteKind::Employer,
            },
        );
        let key = format!("fair-invite:{invite_id}");
        let envelope = Envelope {
            idempotency_key: &key,
            recipient: &row.email,
            organisation_id: Some(fair.organisation_id),
            sender_name: Some(&organisation),
            reply_to: Some(&user.email),
            list_unsubscribe: Some(&unsubscribe_link),
        };
        mail::outbox::enqueue_for(&mut tx, &envelope, locale, &message, now).await?;
        invited += 1;
    }
    tx.commit().await?;
    Ok(invited)
}

/// The fair's invitations and their states.
pub async fn view(
    state: &AppState,
    user: &CurrentUser,
    fair_id: i64,
    locale: Locale,
) -> ServiceResult<InvitationsView> {
    let fair = require_planner(state, user, fair_id).await?;
    let rows = store::invites_with_state(state.db.pool(), fair_id).await?;
    let invites = rows
        .into_iter()
        .map(|r| InviteItem {
            id: r.id,
            kind: InviteKind::parse(&r.kind).unwrap_or_default(),
            name: r.name,
            email: r.email,
            slot: r
                .slot_starts_at
                .map(|t| time::input_value(t, &fair.time_zone)[11..].to_owned()),
            state: match (r.used_at, r.mail_status.as_deref()) {
                (Some(_), _) => InviteState::Registered,
                (None, Some("sent")) => InviteState::Sent,
                (None, Some("failed")) => InviteState::Failed,
                _ => InviteState::Queued,
            },
        })
        .collect();
    Ok(InvitationsView {
        fair_id,
        title: fair.texts.title(locale),
        slots: slot_choices(state, &fair, locale)
            .await?
            .into_iter()
            .map(|(start, _, label)| (start, label))
            .collect(),
        invites,
    })
}

/// Honours an unsubscribe link: no more invitations to that address.
pub async fn unsubscribe(state: &AppState, token: &str) -> ServiceResult<()> {
    let mut tx = state.db.begin().await?;
    let found = store::unsubscribe(&mut tx, &tokens::hash_token(token), state.now()).await?;
    tx.commit().await?;
    found
        .map(|_| ())
        .ok_or_else(|| ServiceError::invalid(crate::error::FORM, Problem::LinkInvalid))
}
