//! The public fair page: what, where, when, time slots with places left, the
//! floor plan with exhibitors, and how to register. Server-rendered in full
//! (search engines, link previews and readers without JavaScript get it all).
use super::entry_mode_text;
use crate::{
    fairs::{EntryMode, PublicFair, RegistrationWindow, api::get_public_fair},
    floorplan::pages::FloorPlan,
    i18n::*,
    parts::error_message,
    shell::set_http_status,
};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn PublicFairPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let fair = Resource::new(slug, get_public_fair);
    view! {
        <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
            {move || fair.get().map(|result| match result {
                Ok(fair) => view! { <FairView fair /> }.into_any(),
                Err(e) => {
                    if matches!(e, crate::error::AppError::NotFound) {
                        set_http_status(404);
                    }
                    view! {
                        <section class="page">
                            <h1>{t!(i18n, errors.not_found_title)}</h1>
                            <p>{error_message(i18n, &e)}</p>
                            <p><a href="/">{t!(i18n, common.back_home)}</a></p>
                        </section>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}

/// The first sentence or 160 characters, for search results and previews.
fn teaser(text: &str) -> String {
    let short: String = text.chars().take(160).collect();
    match short.find(". ") {
        Some(end) if end > 40 => short[..=end].to_owned(),
        _ => short,
    }
}

#[component]
fn FairView(fair: PublicFair) -> impl IntoView {
    let i18n = use_i18n();
    let teaser = teaser(&fair.description);
    let og_locale = leptos_i18n::td_string!(i18n.get_locale_untracked(), language.og_locale);
    let paragraphs: Vec<String> = fair
        .description
        .split("\n\n")
        .map(str::to_owned)
        .filter(|p| !p.trim().is_empty())
        .collect();
    let has_halls = !fair.halls.is_empty();
    let registration_open = matches!(fair.registration, RegistrationWindow::Open { .. });
    // An invitation link to the fair page leads on to the filled-in form.
    let invite = use_query_map().with_untracked(|q| q.get("invite"));
    let book_link = format!("/fairs/{}/book", fair.slug);
    let directory_link = format!("/fairs/{}/exhibitors", fair.slug);
    let register_link = match invite {
        Some(code) => format!(
            "/fairs/{}/register?invite={}",
            fair.slug,
            crate::units::query_value(&code)
        ),
        None => format!("/fairs/{}/register", fair.slug),
    };
    view! {
        <Title text=fair.title.clone() />
        <Meta name="description" content=teaser.clone() />
        <Meta property="og:type" content="website" />
        <Meta property="og:title" content=fair.title.clone() />
        <Meta property="og:description" content=teaser />
        <Meta property="og:url" content=fair.url.clone() />
        <Meta property="og:locale" content=og_locale />
        <Meta property="og:site_name" content="Jobfair" />
        <Link rel="canonical" href=fair.url.clone() />
        <article class="page fair-page">
            <h1>{fair.title.clone()}</h1>
            <dl class="facts">
                <dt>{t!(i18n, home.when)}</dt>
                <dd><time datetime=fair.starts_iso.clone()>{fair.when.clone()}</time></dd>
                <dt>{t!(i18n, home.venue)}</dt>
                <dd>{fair.venue_name.clone()} <br /> {fair.venue_address.clone()}</dd>
            </dl>
            {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}

            <section class="card callout" aria-labelledby="register-heading">
                <h2 id="register-heading">{t!(i18n, fair.register_heading)}</h2>
                <p>{match fair.registration.clone() {
                    RegistrationWindow::NotYet { opens } => t_string!(i18n, fair.registration_not_yet, opens = opens).to_string(),
                    RegistrationWindow::Open { closes } => t_string!(i18n, fair.registration_open, closes = closes).to_string(),
                    RegistrationWindow::Over => t_string!(i18n, fair.registration_over).to_string(),
                }}</p>
                <p class="meta">{t!(i18n, fair.register_how)}</p>
                {registration_open.then(|| view! {
                    <p><a class="button primary wide" href=register_link.clone()>{t!(i18n, fair.register_now)}</a></p>
                })}
            </section>

            <section aria-labelledby="slots-heading">
                <h2 id="slots-heading">{t!(i18n, fair.slots)}</h2>
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, fair.slot_time)}</th>
                            <th scope="col">{t!(i18n, fair.slot_entry)}</th>
                            <th scope="col">{t!(i18n, fair.places_left)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {fair.slots.into_iter().map(|slot| {
                            let left = slot.places_left();
                            view! {
                                <tr>
                                    <td><time datetime=slot.starts_iso.clone()>{slot.when.clone()}</time></td>
                                    <td>{entry_mode_text(i18n, slot.entry_mode)}
                                        {(slot.entry_mode == EntryMode::Invite).then(|| view! { <span class="meta">" – " {t!(i18n, fair.invite_only_hint)}</span> })}
                                    </td>
                                    <td>{if left > 0 { left.to_string() } else { t_string!(i18n, fair.full).to_string() }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </section>

            {has_halls.then(|| view! {
                <section aria-labelledby="plan-heading">
                    <h2 id="plan-heading">{t!(i18n, fair.floor_plan)}</h2>
                    <p><a class="button" href=book_link.clone()>{t!(i18n, booking.book_link)}</a></p>
                    {fair.halls.into_iter().map(|hall| view! {
                        <h3>{hall.name.clone()}</h3>
                        <FloorPlan hall key=true />
                    }).collect_view()}
                </section>
            })}

            <section aria-labelledby="exhibitors-heading">
                <h2 id="exhibitors-heading">{t!(i18n, fair.exhibitors)}</h2>
                <p><a href=directory_link.clone()>{t!(i18n, employer.directory_link)}</a></p>
                {if fair.exhibitors.is_empty() {
                    view! { <p>{t!(i18n, fair.no_exhibitors)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="exhibitor-list">
                            {fair.exhibitors.into_iter().map(|e| view! {
                                <li>
                                    <strong>{e.name}</strong>
                                    <span class="meta">
                                        " · " {t!(i18n, fair.booth_labels, booths = e.booths.join(", "))}
                                        " · " {t!(i18n, fair.job_count, count = e.job_count)}
                                    </span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </article>
    }
}
