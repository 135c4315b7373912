//! The fair's exhibitor directory, mobile first: filter by industry, job
//! type and language spoken (a plain GET form, so filtered addresses can be
//! shared and work without JavaScript).
use super::parts::language_label;
use crate::{
    employers::{
        api::get_directory,
        model::{DirectoryFilter, LANGUAGES},
    },
    i18n::*,
    parts::error_message,
    registration::{
        model::{INDUSTRIES, JOB_TYPES},
        pages::industry_label,
    },
};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn filter_select(
    i18n: I18nContext<Locale>,
    name: &'static str,
    label: String,
    codes: &'static [&'static str],
    text: fn(I18nContext<Locale>, &str) -> String,
    chosen: String,
) -> impl IntoView {
    let id = format!("filter-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="" selected=chosen.is_empty()>{t!(i18n, employer.filter_all)}</option>
                {codes.iter().map(|code| {
                    let selected = chosen == *code;
                    view! { <option value=*code selected=selected>{text(i18n, code)}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let filter = move || {
        query.with(|q| DirectoryFilter {
            industry: q.get("industry").unwrap_or_default(),
            kind: q.get("kind").unwrap_or_default(),
            language: q.get("language").unwrap_or_default(),
        })
    };
    let directory = Resource::new(
        move || (slug(), filter()),
        |(slug, filter)| get_directory(slug, filter),
    );
    view! {
        <section class="page">
            <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || directory.get().map(|result| match result {
                    Ok(directory) => {
                        let title = t_string!(i18n, employer.directory_title, fair = directory.fair_title.clone()).to_string();
                        let f = filter();
                        let shown = directory.entries.len();
                        let slug = directory.slug.clone();
                        view! {
                            <Title text=title.clone() />
                            <h1>{title}</h1>
                            <p><a href=format!("/fairs/{slug}")>{t!(i18n, booking.back_to_fair)}</a></p>
                            <form method="get" class="filters" role="search" aria-label=t_string!(i18n, employer.filter_label).to_string()>
                                {filter_select(i18n, "industry", t_string!(i18n, employer.industry).to_string(), INDUSTRIES, industry_label, f.industry.clone())}
                                {filter_select(i18n, "kind", t_string!(i18n, employer.job_kind).to_string(), JOB_TYPES, industry_label, f.kind.clone())}
                                {filter_select(i18n, "language", t_string!(i18n, employer.language_spoken).to_string(), LANGUAGES, language_label, f.language.clone())}
                                <button type="submit" class="button">{t!(i18n, employer.filter)}</button>
                            </form>
                            <p role="status">{t!(i18n, employer.shown, shown = shown, total = directory.total)}</p>
                            <ul class="card-list">
                                {directory.entries.into_iter().map(|e| {
                                    let href = format!("/fairs/{slug}/exhibitors/{}", e.organisation_id);
                                    let mut meta = Vec::new();
                                    if !e.industry.is_empty() {
                                        meta.push(industry_label(i18n, &e.industry));
                                    }
                                    meta.push(e.booths.join(", "));
                                    meta.push(t_string!(i18n, fair.job_count, count = e.jobs.len()).to_string());
                                    let langs: Vec<String> = e.languages.iter().map(|l| language_label(i18n, l)).collect();
                                    view! {
                                        <li class="card">
                                            <h2><a href=href>{e.name.clone()}</a></h2>
                                            <p class="meta">{meta.join(" · ")}</p>
                                            {(!langs.is_empty()).then(|| view! { <p>{t!(i18n, employer.speaks, languages = langs.join(", "))}</p> })}
                                            <ul>
                                                {e.jobs.into_iter().map(|j| view! { <li>{j.title.clone()} " (" {industry_label(i18n, &j.kind)} ")"</li> }).collect_view()}
                                            </ul>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
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
