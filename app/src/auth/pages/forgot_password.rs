use super::{action_error, field_problem};
use crate::{
    auth::api::RequestPasswordReset,
    i18n::*,
    parts::{FormAlert, TextField},
    tr,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = action_error(action);
    let query = use_query_map();
    let sent = move || {
        query.with(|q| q.get("sent").is_some()) || matches!(action.value().get(), Some(Ok(())))
    };
    view! {
        <Title text=tr!(i18n, auth.forgot_title) />
        <section class="page narrow">
            <h1>{t!(i18n, auth.forgot_title)}</h1>
            <p class="lead">{t!(i18n, auth.forgot_lead)}</p>
            <p class="notice success" role="status" hidden=move || !sent()>
                {t!(i18n, auth.forgot_sent)}
            </p>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <FormAlert error=error />
                <TextField
                    name="email"
                    id="forgot-email"
                    input_type="email"
                    autocomplete="email"
                    required=true
                    label=tr!(i18n, auth.email)
                    problem=field_problem(error, "email")
                />
                <button type="submit" class="button primary" disabled=action.pending()>
                    {t!(i18n, auth.forgot_submit)}
                </button>
            </ActionForm>
        </section>
    }
}
