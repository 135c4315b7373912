use super::{action_error, field_problem};
use crate::{
    auth::api::VerifyEmail,
    i18n::*,
    parts::{FormAlert, TextField},
    tr,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Where the link in the verification mail leads: the person chooses their
/// password and confirms (opening the page alone proves nothing, so a mail
/// scanner that follows links verifies nothing). Then on to the account.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let action = ServerAction::<VerifyEmail>::new();
    let error = action_error(action);
    view! {
        <Title text=tr!(i18n, auth.verify_title) />
        <section class="page narrow">
            <h1>{t!(i18n, auth.verify_title)}</h1>
            <p class="lead">{t!(i18n, auth.verify_lead)}</p>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <FormAlert error=error />
                <input type="hidden" name="token" value=token />
                <TextField
                    name="password"
                    id="verify-password"
                    input_type="password"
                    autocomplete="new-password"
                    required=true
                    label=tr!(i18n, auth.choose_password)
                    hint=tr!(i18n, auth.password_hint)
                    problem=field_problem(error, "password")
                />
                <button type="submit" class="button primary" disabled=action.pending()>
                    {t!(i18n, auth.verify_submit)}
                </button>
            </ActionForm>
        </section>
    }
}
