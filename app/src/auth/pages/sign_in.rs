use super::{action_error, field_problem};
use crate::{
    auth::api::SignIn,
    i18n::*,
    parts::{FormAlert, TextField},
    tr,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignIn>::new();
    let error = action_error(action);
    view! {
        <Title text=tr!(i18n, auth.sign_in_title) />
        <section class="page narrow">
            <h1>{t!(i18n, auth.sign_in_title)}</h1>
            <p class="lead">{t!(i18n, auth.sign_in_lead)}</p>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <FormAlert error=error />
                <TextField
                    name="email"
                    id="sign-in-email"
                    input_type="email"
                    autocomplete="email"
                    required=true
                    label=tr!(i18n, auth.email)
                    problem=field_problem(error, "email")
                />
                <TextField
                    name="password"
                    id="sign-in-password"
                    input_type="password"
                    autocomplete="current-password"
                    required=true
                    label=tr!(i18n, auth.password)
                    problem=field_problem(error, "password")
                />
                <button type="submit" class="button primary" disabled=action.pending()>
                    {t!(i18n, auth.sign_in_submit)}
                </button>
            </ActionForm>
            <p>
                <a href="/password/forgot">{t!(i18n, auth.forgot_link)}</a>
            </p>
            <p>
                {t!(i18n, auth.no_account)} " " <a href="/signup">{t!(i18n, nav.sign_up)}</a>
            </p>
            <p class="hint">
                {t!(i18n, auth.new_account_hint)}
            </p>
        </section>
    }
}
