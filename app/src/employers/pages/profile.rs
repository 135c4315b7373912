//! The company profile an employer's people edit: shown in the fair's
//! exhibitor directory.
use super::parts::{CodeChecklist, language_label};
use crate::{
    employers::{
        api::{SaveProfile, get_profile},
        model::{LANGUAGES, LOGO_MAX_BYTES, Profile},
    },
    error::Problem,
    i18n::*,
    parts::{
        FormAlert, SelectField, TextArea, TextField, action_error, error_message, field_problem,
        problem_message,
    },
    registration::{model::INDUSTRIES, pages::industry_label},
    tr,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn EmployerProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let org = move || {
        params.with(|p| {
            p.get("org")
                .and_then(|o| o.parse::<i64>().ok())
                .unwrap_or_default()
        })
    };
    let profile = Resource::new(org, get_profile);
    view! {
        <Title text=move || t_string!(i18n, employer.profile_title).to_string() />
        <section class="page narrow">
            <h1>{t!(i18n, employer.profile_title)}</h1>
            <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || profile.get().map(|result| match result {
                    Ok(profile) => view! { <ProfileForm profile /> }.into_any(),
                    Err(e) => view! { <p class="form-alert" role="alert">{error_message(i18n, &e)}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ProfileForm(profile: Profile) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveProfile>::new();
    let error = action_error(action);
    let saved = move || matches!(action.value().get(), Some(Ok(())));
    let logo_name = profile.name.clone();
    let mut industries = vec![(String::new(), tr!(i18n, employer.industry_none))];
    industries.extend(INDUSTRIES.iter().map(|code| {
        let code = (*code).to_owned();
        let label = code.clone();
        (code, Signal::derive(move || industry_label(i18n, &label)))
    }));
    view! {
        <ActionForm action>
            <FormAlert error />
            <p class="notice success" role="status" hidden=move || !saved()>{t!(i18n, employer.saved)}</p>
            <input type="hidden" name="organisation_id" value=profile.organisation_id />
            <TextField name="form[name]" id="profile-name" label=tr!(i18n, employer.company_name) required=true
                autocomplete="organization" problem=field_problem(error, "name") value=profile.name.clone() />
            <TextField name="form[address]" id="profile-address" label=tr!(i18n, employer.address)
                autocomplete="street-address" problem=field_problem(error, "address") value=profile.address.clone() />
            <SelectField name="form[industry]" id="profile-industry" label=tr!(i18n, employer.industry)
                problem=field_problem(error, "industry") options=industries selected=profile.industry.clone() />
            <TextField name="form[website]" id="profile-website" label=tr!(i18n, employer.website) input_type="url"
                autocomplete="url" problem=field_problem(error, "website") value=profile.website.clone() />
            <TextArea name="form[description]" id="profile-description" label=tr!(i18n, employer.description)
                problem=field_problem(error, "description") value=profile.description.clone() />
            <CodeChecklist name="form[languages]" id_prefix="profile-language" legend=tr!(i18n, employer.languages)
                codes=LANGUAGES label=language_label chosen=profile.languages.clone() />
            <TextField name="form[film_url]" id="profile-film" label=tr!(i18n, employer.film_url) input_type="url"
                hint=tr!(i18n, employer.film_hint) problem=field_problem(error, "film_url") value=profile.film_url.clone() />
            <button type="submit" class="button primary">{t!(i18n, employer.save)}</button>
        </ActionForm>
        <LogoForm organisation_id=profile.organisation_id name=logo_name has_logo=profile.has_logo />
    }
}

/// The logo: a plain multipart form to the server's upload route, which
/// comes back here with the outcome in the address.
#[component]
fn LogoForm(organisation_id: i64, name: String, has_logo: bool) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let saved = move || query.with(|q| q.get("logo").as_deref() == Some("saved"));
    let problem = move || {
        query.with(|q| match q.get("logo_error").as_deref() {
            Some("too_large") => Some(problem_message(
                i18n,
                Problem::FileTooLarge {
                    max_kb: (LOGO_MAX_BYTES / 1024) as u32,
                },
            )),
            Some("missing") => Some(t_string!(i18n, employer.logo_missing).to_string()),
            Some(_) => Some(problem_message(i18n, Problem::UnsupportedFile)),
            None => None,
        })
    };
    let alt = t_string!(i18n, employer.logo_alt, name = name).to_string();
    view! {
        <section class="card" aria-labelledby="logo-heading">
            <h2 id="logo-heading">{t!(i18n, employer.logo)}</h2>
            {has_logo.then(|| view! { <img class="company-logo" src=format!("/logos/{organisation_id}") alt=alt /> })}
            <p class="notice success" role="status" hidden=move || !saved()>{t!(i18n, employer.logo_saved)}</p>
            <p class="form-alert" role="alert" hidden=move || problem().is_none()>{problem}</p>
            <form method="post" enctype="multipart/form-data" action=format!("/employer/{organisation_id}/logo")>
                <div class="field">
                    <label for="logo-file">{t!(i18n, employer.logo)}</label>
                    <p class="field-hint" id="logo-hint">{t!(i18n, employer.logo_hint)}</p>
                    <input type="file" id="logo-file" name="logo" accept="image/png,image/jpeg,image/webp" aria-describedby="logo-hint" />
                </div>
                <button type="submit" class="button">{t!(i18n, employer.logo_upload)}</button>
            </form>
        </section>
    }
}
