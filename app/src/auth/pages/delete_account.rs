use super::{action_error, field_problem};
use crate::{
    auth::{
        OrganisationFate,
        api::{DeleteAccount, deletion_plan},
    },
    error::AppError,
    i18n::*,
    parts::{FormAlert, TextField, error_message},
    tr,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// Deleting one's own account: first what it means for each organisation,
/// then the password to confirm.
#[component]
pub fn DeleteAccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<DeleteAccount>::new();
    let error = action_error(action);
    let plan = Resource::new(move || action.version().get(), |_| deletion_plan());
    let fate_text = move |fate: OrganisationFate| match fate {
        OrganisationFate::Left => t_string!(i18n, account.fate_left).to_string(),
        OrganisationFate::Deleted => t_string!(i18n, account.fate_deleted).to_string(),
        OrganisationFate::BlockedLastOwner => t_string!(i18n, account.fate_last_owner).to_string(),
        OrganisationFate::BlockedFairs => t_string!(i18n, account.fate_fairs).to_string(),
        OrganisationFate::BlockedBookings => t_string!(i18n, account.fate_bookings).to_string(),
    };
    view! {
        <Title text=tr!(i18n, account.delete_title) />
        <section class="page narrow">
            <h1>{t!(i18n, account.delete_title)}</h1>
            <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || plan.get().map(|result| match result {
                    Ok(plan) => {
                        let possible = plan.possible();
                        view! {
                            <p>{t!(i18n, account.delete_lead)}</p>
                            {plan.organisations.is_empty().then(|| view! { <p>{t!(i18n, account.delete_none)}</p> })}
                            <ul class="plain-list">
                                {plan.organisations.into_iter().map(|(name, fate)| view! {
                                    <li class=if fate.blocks() { "notice warning" } else { "" }>
                                        <strong>{name}</strong> ": " {fate_text(fate)}
                                    </li>
                                }).collect_view()}
                            </ul>
                            <ActionForm action=action attr:class="form" attr:novalidate=true>
                                <FormAlert error=error />
                                <TextField
                                    name="password"
                                    id="delete-password"
                                    input_type="password"
                                    autocomplete="current-password"
                                    required=true
                                    label=tr!(i18n, account.delete_password)
                                    problem=field_problem(error, "password")
                                />
                                <button type="submit" class="button danger" disabled=move || !possible || action.pending().get()>
                                    {t!(i18n, account.delete_submit)}
                                </button>
                            </ActionForm>
                        }.into_any()
                    }
                    Err(AppError::Unauthenticated) => view! {
                        <p><a class="button primary" href="/login">{t!(i18n, nav.sign_in)}</a></p>
                    }.into_any(),
                    Err(e) => view! { <p class="form-alert" role="alert">{error_message(i18n, &e)}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
