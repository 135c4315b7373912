use super::role_text;
use crate::{
    auth::pages::{action_error, field_problem},
    i18n::*,
    organisations::api::{AcceptInvite, AcceptInviteNewAccount, get_invite_details},
    parts::{FormAlert, TextField, error_message},
    tr,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn AcceptInvitePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let details = Resource::new(token, get_invite_details);
    let accept = ServerAction::<AcceptInvite>::new();
    let create = ServerAction::<AcceptInviteNewAccount>::new();
    let accept_error = action_error(accept);
    let create_error = action_error(create);
    view! {
        <Title text=tr!(i18n, invite.title) />
        <section class="page narrow">
            <h1>{t!(i18n, invite.title)}</h1>
            <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || details.get().map(|result| match result {
                    Err(e) => view! { <p class="form-alert" role="alert">{error_message(i18n, &e)}</p> }.into_any(),
                    Ok(invite) => {
                        let role = role_text(i18n, invite.role);
                        let organisation = invite.organisation_name.clone();
                        let lead = t_string!(i18n, invite.lead, organisation = organisation, role = role).to_string();
                        if invite.has_account {
                            view! {
                                <p class="lead">{lead}</p>
                                <p>{t!(i18n, invite.or_sign_in)} " " <a href="/login">{t!(i18n, nav.sign_in)}</a></p>
                                <ActionForm action=accept attr:class="form">
                                    <FormAlert error=accept_error />
                                    <input type="hidden" name="token" value=token />
                                    <button type="submit" class="button primary">{t!(i18n, invite.accept_signed_in)}</button>
                                </ActionForm>
                            }.into_any()
                        } else {
                            view! {
                                <p class="lead">{lead}</p>
                                <ActionForm action=create attr:class="form" attr:novalidate=true>
                                    <FormAlert error=create_error />
                                    <input type="hidden" name="token" value=token />
                                    <TextField
                                        name="email-display"
                                        id="invite-email"
                                        input_type="email"
                                        label=tr!(i18n, auth.email)
                                        value=invite.email.clone()
                                        problem=Signal::derive(|| None)
                                    />
                                    <TextField
                                        name="name"
                                        id="invite-name"
                                        autocomplete="name"
                                        required=true
                                        label=tr!(i18n, auth.name)
                                        problem=field_problem(create_error, "name")
                                    />
                                    <TextField
                                        name="password"
                                        id="invite-password"
                                        input_type="password"
                                        autocomplete="new-password"
                                        required=true
                                        label=tr!(i18n, auth.password)
                                        hint=tr!(i18n, auth.password_hint)
                                        problem=field_problem(create_error, "password")
                                    />
                                    <button type="submit" class="button primary">{t!(i18n, invite.create_account)}</button>
                                </ActionForm>
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
