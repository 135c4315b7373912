//! The jobs and apprenticeships an employer brings to one fair: list, add,
//! remove.
use super::parts::{CodeChecklist, JobItem, language_label};
use crate::{
    employers::{
        api::{AddJob, DeleteJob, get_jobs},
        model::{JobsPage, LANGUAGES},
    },
    i18n::*,
    parts::{
        FormAlert, SelectField, TextArea, TextField, action_error, error_message, field_problem,
        reloads_after,
    },
    registration::{model::JOB_TYPES, pages::industry_label},
    tr,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn EmployerJobsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let org = move || {
        params.with(|p| {
            p.get("org")
                .and_then(|o| o.parse::<i64>().ok())
                .unwrap_or_default()
        })
    };
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let add = ServerAction::<AddJob>::new();
    let delete = ServerAction::<DeleteJob>::new();
    let (added, deleted) = (reloads_after(add, false), reloads_after(delete, false));
    let page = Resource::new(
        move || (org(), slug(), added.get(), deleted.get()),
        |(org, slug, _, _)| get_jobs(org, slug),
    );
    view! {
        <section class="page narrow">
            <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || page.get().map(|result| match result {
                    Ok(page) => view! { <JobsView page add delete /> }.into_any(),
                    Err(e) => view! {
                        <h1>{t!(i18n, employer.jobs_title_plain)}</h1>
                        <p class="form-alert" role="alert">{error_message(i18n, &e)}</p>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn JobsView(
    page: JobsPage,
    add: ServerAction<AddJob>,
    delete: ServerAction<DeleteJob>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(add);
    let delete_error = action_error(delete);
    let title = t_string!(i18n, employer.jobs_title, fair = page.fair_title.clone()).to_string();
    let kinds: Vec<(String, Signal<String>)> =
        std::iter::once((String::new(), tr!(i18n, employer.kind_choose)))
            .chain(JOB_TYPES.iter().map(|code| {
                let code = (*code).to_owned();
                let label = code.clone();
                (code, Signal::derive(move || industry_label(i18n, &label)))
            }))
            .collect();
    let org = page.organisation_id;
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <p class="lead">{page.employer.clone()}</p>
        <p><a href=format!("/fairs/{}/exhibitors/{org}", page.fair_slug)>{t!(i18n, employer.see_public)}</a></p>
        <FormAlert error=delete_error />
        {if page.jobs.is_empty() {
            view! { <p>{t!(i18n, employer.no_jobs)}</p> }.into_any()
        } else {
            view! {
                <ul class="card-list">
                    {page.jobs.into_iter().map(|job| {
                        let id = job.id;
                        view! {
                            <li class="card">
                                <JobItem job />
                                <ActionForm action=delete attr:class="inline-form">
                                    <input type="hidden" name="organisation_id" value=org />
                                    <input type="hidden" name="job_id" value=id />
                                    <button type="submit" class="button">{t!(i18n, employer.remove_job)}</button>
                                </ActionForm>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <section class="card" aria-labelledby="new-job-heading">
            <h2 id="new-job-heading">{t!(i18n, employer.new_job)}</h2>
            <ActionForm action=add>
                <FormAlert error />
                <input type="hidden" name="organisation_id" value=org />
                <input type="hidden" name="slug" value=page.fair_slug.clone() />
                <TextField name="form[title]" id="job-title" label=tr!(i18n, employer.job_title) required=true
                    problem=field_problem(error, "title") />
                <SelectField name="form[kind]" id="job-kind" label=tr!(i18n, employer.job_kind)
                    problem=field_problem(error, "kind") options=kinds />
                <TextField name="form[place_of_work]" id="job-place" label=tr!(i18n, employer.place_of_work)
                    problem=field_problem(error, "place_of_work") />
                <TextField name="form[starts_on]" id="job-start" label=tr!(i18n, employer.starts_on) input_type="date"
                    hint=tr!(i18n, employer.starts_on_hint) problem=field_problem(error, "starts_on") />
                <CodeChecklist name="form[languages]" id_prefix="job-language" legend=tr!(i18n, employer.job_languages)
                    codes=LANGUAGES label=language_label chosen=Vec::new() />
                <TextArea name="form[description]" id="job-description" label=tr!(i18n, employer.job_description)
                    problem=field_problem(error, "description") rows=3 />
                <button type="submit" class="button primary">{t!(i18n, employer.add_job)}</button>
            </ActionForm>
        </section>
    }
}
