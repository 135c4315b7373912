//! An exhibitor's page at a fair: who they are, the languages spoken at the
//! booth, the company film, the jobs they bring, and their booth
//! highlighted on the floor plan.
use super::parts::{JobItem, language_label};
use crate::{
    employers::api::get_exhibitor, floorplan::pages::FloorPlan, i18n::*, parts::error_message,
    registration::pages::industry_label,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ExhibitorPageView() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let org = move || {
        params.with(|p| {
            p.get("org")
                .and_then(|o| o.parse::<i64>().ok())
                .unwrap_or_default()
        })
    };
    let page = Resource::new(
        move || (slug(), org()),
        |(slug, org)| get_exhibitor(slug, org),
    );
    view! {
        <section class="page">
            <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || page.get().map(|result| match result {
                    Ok(page) => {
                        let profile = page.profile.clone();
                        let langs: Vec<String> = profile.languages.iter().map(|l| language_label(i18n, l)).collect();
                        let halls: Vec<_> = page.halls.clone().into_iter()
                            .filter(|h| h.booths.iter().any(|b| page.booth_ids.contains(&b.id)))
                            .collect();
                        let highlight = page.booth_ids.clone();
                        view! {
                            <Title text=profile.name.clone() />
                            {profile.has_logo.then(|| view! {
                                <img class="company-logo" src=format!("/logos/{}", profile.organisation_id)
                                    alt=t_string!(i18n, employer.logo_alt, name = profile.name.clone()).to_string() />
                            })}
                            <h1>{profile.name.clone()}</h1>
                            <p><a href=format!("/fairs/{}/exhibitors", page.slug)>{t!(i18n, employer.back_to_directory, fair = page.fair_title.clone())}</a></p>
                            <dl class="facts">
                                <dt>{t!(i18n, booking.booth)}</dt><dd>{page.booths.join(", ")}</dd>
                                {(!profile.industry.is_empty()).then(|| view! { <dt>{t!(i18n, employer.industry)}</dt><dd>{industry_label(i18n, &profile.industry)}</dd> })}
                                {(!langs.is_empty()).then(|| view! { <dt>{t!(i18n, employer.language_spoken)}</dt><dd>{langs.join(", ")}</dd> })}
                                {(!profile.address.is_empty()).then(|| view! { <dt>{t!(i18n, employer.address)}</dt><dd>{profile.address.clone()}</dd> })}
                                {(!profile.website.is_empty()).then(|| view! { <dt>{t!(i18n, employer.website)}</dt><dd><a href=profile.website.clone() rel="noopener nofollow">{profile.website.clone()}</a></dd> })}
                            </dl>
                            {(!profile.description.is_empty()).then(|| view! { <p>{profile.description.clone()}</p> })}
                            {(!profile.film_url.is_empty()).then(|| view! {
                                <p><a class="button" href=profile.film_url.clone() rel="noopener nofollow">{t!(i18n, employer.watch_film)}</a></p>
                            })}
                            <h2>{t!(i18n, employer.jobs_heading)}</h2>
                            {if page.jobs.is_empty() {
                                view! { <p>{t!(i18n, employer.no_jobs)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="card-list">
                                        {page.jobs.into_iter().map(|job| view! { <li class="card"><JobItem job /></li> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <h2>{t!(i18n, employer.where_heading)}</h2>
                            {halls.into_iter().map(|hall| view! {
                                <h3>{hall.name.clone()}</h3>
                                <FloorPlan hall highlight=highlight.clone() key=true />
                            }).collect_view()}
                        }.into_any()
                    }
                    Err(e) => {
                        crate::shell::set_http_status(e.status_code());
                        view! { <p class="form-alert" role="alert">{error_message(i18n, &e)}</p> }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
