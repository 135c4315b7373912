//! Employer profiles, jobs and the public directory. An employer's owners
//! and members edit its profile and jobs; jobs belong to a fair the
//! employer exhibits at (a held or confirmed booth). The directory shows
//! exhibitors of public fairs to everyone.
use super::{
    model::{
        Directory, DirectoryEntry, DirectoryFilter, ExhibitorPage, JobForm, JobView, JobsPage,
        Profile, ProfileForm, check_job, check_logo, check_profile,
    },
    store::{self, JobRow, ProfileRow},
};
use crate::{
    auth::CurrentUser,
    error::{FORM, Problem},
    fairs::{
        FairStatus,
        store::{FairRow, exhibitors, fair_by_slug},
    },
    i18n::Locale,
    organisations::{OrgKind, store as org_store},
    service_error::{ServiceError, ServiceResult},
    state::AppState,
};

/// The employer organisation the user acts for (owner or member); its name.
pub async fn require_employer(
    state: &AppState,
    user: &CurrentUser,
    organisation_id: i64,
) -> ServiceResult<String> {
    match org_store::membership(state.db.pool(), organisation_id, user.id).await? {
        Some(m) if m.kind == OrgKind::Employer && m.role.can_act_for_employer() => {
            Ok(m.organisation_name)
        }
        _ => Err(ServiceError::Forbidden),
    }
}

fn split(codes: &Option<String>) -> Vec<String> {
    codes
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

fn profile_of(row: ProfileRow) -> Profile {
    Profile {
        organisation_id: row.organisation_id,
        languages: split(&row.languages),
        name: row.name,
        address: row.address.unwrap_or_default(),
        industry: row.industry.unwrap_or_default(),
        website: row.website.unwrap_or_default(),
        description: row.description.unwrap_or_default(),
        film_url: row.film_url.unwrap_or_default(),
        has_logo: row.logo_type.is_some_and(|t| !t.is_empty()),
    }
}

fn job_of(row: &JobRow) -> JobView {
    JobView {
        id: row.id,
        title: row.title.clone(),
        kind: row.kind.clone(),
        place_of_work: row.place_of_work.clone(),
        starts_on: row.starts_on.clone(),
        languages: split(&Some(row.languages.clone())),
        description: row.description.clone(),
    }
}

pub async fn profile(
    state: &AppState,
    user: &CurrentUser,
    organisation_id: i64,
) -> ServiceResult<Profile> {
    require_employer(state, user, organisation_id).await?;
    let row = store::profile(state.db.pool(), organisation_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(profile_of(row))
}

pub async fn save_profile(
    state: &AppState,
    user: &CurrentUser,
    organisation_id: i64,
    form: &ProfileForm,
) -> ServiceResult<()> {
    require_employer(state, user, organisation_id).await?;
    let checked = check_profile(form)?;
    let mut tx = state.db.begin().await?;
    store::save_profile(&mut tx, organisation_id, &checked, state.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Stores an uploaded logo after checking its type and size.
pub async fn save_logo(
    state: &AppState,
    user: &CurrentUser,
    organisation_id: i64,
    bytes: &[u8],
) -> ServiceResult<()> {
    require_employer(state, user, organisation_id).await?;
    let content_type = check_logo(bytes).map_err(|p| ServiceError::invalid("logo", p))?;
    let mut tx = state.db.begin().await?;
    store::save_logo(&mut tx, organisation_id, content_type, bytes, state.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// An employer's logo (public: the directory shows it).
pub async fn logo(
    state: &AppState,
    organisation_id: i64,
) -> ServiceResult<Option<(String, Vec<u8>)>> {
    Ok(store::logo(state.db.pool(), organisation_id).await?)
}

async fn public_fair(state: &AppState, slug: &str) -> ServiceResult<FairRow> {
    fair_by_slug(state.db.pool(), slug)
        .await?
        .filter(|f| FairStatus::parse(&f.status).is_some_and(FairStatus::is_public))
        .ok_or(ServiceError::NotFound)
}

/// The employer's jobs at a fair it exhibits at.
pub async fn jobs_page(
    state: &AppState,
    user: &CurrentUser,
    organisation_id: i64,
    slug: &str,
    locale: Locale,
) -> ServiceResult<JobsPage> {
    let employer = require_employer(state, user, organisation_id).await?;
    let fair = public_fair(state, slug).await?;
    if !store::exhibits_at(state.db.pool(), organisation_id, fair.id).await? {
        return Err(ServiceError::Forbidden);
    }
    let jobs = store::jobs_at_fair(state.db.pool(), fair.id).await?;
    Ok(JobsPage {
        organisation_id,
        employer,
        fair_id: fair.id,
        fair_title: fair.texts.title(locale),
        fair_slug: fair.slug,
        jobs: jobs
            .iter()
            .filter(|j| j.organisation_id == organisation_id)
            .map(job_of)
            .collect(),
    })
}

pub async fn add_job(
    state: &AppState,
    user: &CurrentUser,
    organisation_id: i64,
    slug: &str,
    form: &JobForm,
) -> ServiceResult<i64> {
    require_employer(state, user, organisation_id).await?;
    let fair = public_fair(state, slug).await?;
    if !store::exhibits_at(state.db.pool(), organisation_id, fair.id).await? {
        return Err(ServiceError::invalid(FORM, Problem::BookingClosed));
    }
    let checked = check_job(form)?;
    let mut tx = state.db.begin().await?;
    let id = store::insert_job(&mut tx, fair.id, organisation_id, &checked, state.now()).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn delete_job(
    state: &AppState,
    user: &CurrentUser,
    organisation_id: i64,
    job_id: i64,
) -> ServiceResult<()> {
    require_employer(state, user, organisation_id).await?;
    let mut tx = state.db.begin().await?;
    if !store::delete_job(&mut tx, job_id, organisation_id).await? {
        return Err(ServiceError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// The booths with a confirmed booking: what the public may see of a fair's
/// exhibitors (a held request publishes nothing).
async fn confirmed_booths(
    pool: &sqlx::AnyPool,
    fair_id: i64,
) -> ServiceResult<Vec<crate::fairs::store::ExhibitorRow>> {
    let mut booths = exhibitors(pool, fair_id).await?;
    booths.retain(|b| b.status == "confirmed");
    Ok(booths)
}

/// Every exhibitor of a public fair with its booths and jobs, filtered.
pub async fn directory(
    state: &AppState,
    slug: &str,
    filter: &DirectoryFilter,
    locale: Locale,
) -> ServiceResult<Directory> {
    let pool = state.db.pool();
    let fair = public_fair(state, slug).await?;
    let booths = confirmed_booths(pool, fair.id).await?;
    let jobs = store::jobs_at_fair(pool, fair.id).await?;
    let entries: Vec<DirectoryEntry> = store::profiles_at_fair(pool, fair.id)
        .await?
        .into_iter()
        .map(|row| {
            let id = row.organisation_id;
            let profile = profile_of(row);
            DirectoryEntry {
                organisation_id: id,
                name: profile.name,
                industry: profile.industry,
                has_logo: profile.has_logo,
                languages: profile.languages,
                booths: booths
                    .iter()
                    .filter(|b| b.organisation_id == id)
                    .map(|b| format!("{} · {}", b.hall_name, b.booth_label))
                    .collect(),
                jobs: jobs
                    .iter()
                    .filter(|j| j.organisation_id == id)
                    .map(job_of)
                    .collect(),
            }
        })
        .collect();
    let total = entries.len();
    Ok(Directory {
        fair_title: fair.texts.title(locale),
        slug: fair.slug,
        entries: entries.into_iter().filter(|e| filter.admits(e)).collect(),
        total,
    })
}

/// One exhibitor's page at a public fair; not found for others.
pub async fn exhibitor_page(
    state: &AppState,
    slug: &str,
    organisation_id: i64,
    locale: Locale,
) -> ServiceResult<ExhibitorPage> {
    let pool = state.db.pool();
    let fair = public_fair(state, slug).await?;
    let booths: Vec<_> = confirmed_booths(pool, fair.id)
        .await?
        .into_iter()
        .filter(|b| b.organisation_id == organisation_id)
        .collect();
    if booths.is_empty() {
        return Err(ServiceError::NotFound);
    }
    let profile = store::profile(pool, organisation_id)
        .await?
        .map(profile_of)
        .ok_or(ServiceError::NotFound)?;
    let halls = crate::floorplan::service::halls_of_fair(pool, fair.id).await?;
    let labels: Vec<String> = booths
        .iter()
        .map(|b| format!("{} · {}", b.hall_name, b.booth_label))
        .collect();
    let booth_ids = booths.iter().map(|b| b.booth_id).collect();
    let jobs = store::jobs_at_fair(pool, fair.id).await?;
    Ok(ExhibitorPage {
        fair_title: fair.texts.title(locale),
        slug: fair.slug,
        profile,
        booths: labels,
        booth_ids,
        halls,
        jobs: jobs
            .iter()
            .filter(|j| j.organisation_id == organisation_id)
            .map(job_of)
            .collect(),
    })
}
