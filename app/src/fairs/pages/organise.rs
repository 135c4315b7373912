//! The organiser's start page: their fairs, and a form to plan a new one.
use super::{FairFields, status_text};
use crate::{
    error::AppError,
    fairs::{
        FairForm,
        api::{CreateFair, get_organiser_home},
    },
    i18n::*,
    parts::{FormAlert, SelectField, action_error, error_message, field_problem},
    tr,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OrganisePage() -> impl IntoView {
    let i18n = use_i18n();
    let home = Resource::new(|| (), |_| get_organiser_home());
    view! {
        <Title text=tr!(i18n, plan.my_fairs) />
        <section class="page">
            <h1>{t!(i18n, plan.my_fairs)}</h1>
            <p><a href="/mail">{t!(i18n, mailbox.link)}</a></p>
            <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || home.get().map(|result| match result {
                    Ok(home) => {
                        let can_create = !home.organisations.is_empty();
                        view! {
                            {if home.fairs.is_empty() {
                                view! { <p>{t!(i18n, plan.no_fairs)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="fair-list">
                                        {home.fairs.into_iter().map(|fair| view! {
                                            <li class="card fair-card">
                                                <h2 class="h3"><a href=format!("/organise/fairs/{}", fair.id)>{fair.title}</a></h2>
                                                <p class="meta">{fair.when} " · " {fair.venue_name}</p>
                                                <p><span class=format!("badge status-{}", fair.status.as_str())>{status_text(i18n, fair.status)}</span></p>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            {can_create.then(|| view! { <NewFairForm organisations=home.organisations /> })}
                        }.into_any()
                    }
                    Err(AppError::Unauthenticated) => view! {
                        <p>{t!(i18n, account.sign_in_required)}</p>
                        <p><a class="button primary" href="/login">{t!(i18n, nav.sign_in)}</a></p>
                    }.into_any(),
                    Err(e) => view! { <p class="form-alert" role="alert">{error_message(i18n, &e)}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn NewFairForm(organisations: Vec<(i64, String)>) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<CreateFair>::new();
    let error = action_error(action);
    let single = (organisations.len() == 1).then(|| organisations[0].0);
    let options = organisations
        .into_iter()
        .map(|(id, name)| (id.to_string(), Signal::derive(move || name.clone())))
        .collect::<Vec<_>>();
    view! {
        <ActionForm action=action attr:class="form card" attr:novalidate=true>
            <h2>{t!(i18n, plan.new_fair)}</h2>
            <FormAlert error=error />
            {match single {
                Some(id) => view! { <input type="hidden" name="organisation_id" value=id /> }.into_any(),
                None => view! {
                    <SelectField name="organisation_id" id="new-fair-organisation" label=tr!(i18n, plan.organisation)
                        problem=field_problem(error, "organisation_id") options=options />
                }.into_any(),
            }}
            <FairFields id="new-fair" values=FairForm::default() error=error />
            <button type="submit" class="button primary" disabled=action.pending()>{t!(i18n, plan.create)}</button>
        </ActionForm>
    }
}
