use super::role_text;
use crate::{
    admin::{Approval, api::pending_organisations},
    auth::{
        api::{ResendVerification, get_current_user},
        pages::{action_error, field_problem},
    },
    error::AppError,
    i18n::*,
    organisations::{
        OrgKind, OrganisationDetails,
        api::{ChangeMemberRole, InviteMember, LeaveOrganisation, RemoveMember, my_organisations},
    },
    parts::{FormAlert, TextField, error_message},
    tr,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let invite = ServerAction::<InviteMember>::new();
    let actions = MemberActions {
        change: ServerAction::new(),
        remove: ServerAction::new(),
        leave: ServerAction::new(),
    };
    provide_context(actions);
    let organisations = Resource::new(
        move || {
            (
                invite.version().get(),
                actions.change.version().get(),
                actions.remove.version().get(),
                actions.leave.version().get(),
            )
        },
        |_| my_organisations(),
    );
    let change_error = action_error(actions.change);
    let remove_error = action_error(actions.remove);
    let leave_error = action_error(actions.leave);
    // Administrators see the way to the approvals (everyone else is refused).
    let approvals = Resource::new(|| (), |_| pending_organisations());
    view! {
        <Title text=tr!(i18n, account.title) />
        <section class="page">
            <h1>{t!(i18n, account.title)}</h1>
            <Suspense fallback=|| ()>
                {move || approvals.get().and_then(Result::ok).map(|list| view! {
                    <p class="notice">
                        <a href="/admin/approvals">{t!(i18n, admin.nav)} " (" {list.len()} ")"</a>
                    </p>
                })}
            </Suspense>
            <FormAlert error=change_error />
            <FormAlert error=remove_error />
            <FormAlert error=leave_error />
            <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || {
                    organisations.get().map(|result| match result {
                        Ok(list) if list.is_empty() => view! { <p>{t!(i18n, account.no_organisations)}</p> }.into_any(),
                        Ok(list) => view! {
                            <h2>{t!(i18n, account.organisations)}</h2>
                            {list.into_iter().map(|org| view! { <OrganisationCard org invite /> }).collect_view()}
                        }.into_any(),
                        Err(AppError::Unverified) => view! { <UnverifiedNotice /> }.into_any(),
                        Err(AppError::Unauthenticated) => view! {
                            <p>{t!(i18n, account.sign_in_required)}</p>
                            <p><a class="button primary" href="/login">{t!(i18n, nav.sign_in)}</a></p>
                        }.into_any(),
                        Err(e) => view! { <p class="form-alert" role="alert">{error_message(i18n, &e)}</p> }.into_any(),
                    })
                }}
            </Transition>
            <p><a href="/account/delete">{t!(i18n, account.delete_link)}</a></p>
        </section>
    }
}

/// For an account whose address is not proven yet: what that means, and a
/// new link on request.
#[component]
fn UnverifiedNotice() -> impl IntoView {
    let i18n = use_i18n();
    let me = Resource::new(|| (), |_| get_current_user());
    let resend = ServerAction::<ResendVerification>::new();
    let error = action_error(resend);
    let resent = move || matches!(resend.value().get(), Some(Ok(())));
    let email = move || {
        me.get()
            .and_then(Result::ok)
            .flatten()
            .map(|user| user.email)
            .unwrap_or_default()
    };
    view! {
        <div class="notice" role="status">
            <h2>{t!(i18n, account.unverified_title)}</h2>
            <Suspense fallback=|| ()>
                <p>{move || t_string!(i18n, account.unverified_lead, email = email()).to_string()}</p>
            </Suspense>
        </div>
        <p class="notice success" role="status" hidden=move || !resent()>{t!(i18n, account.unverified_resent)}</p>
        <ActionForm action=resend attr:class="form compact">
            <FormAlert error=error />
            <button type="submit" class="button" disabled=resend.pending()>{t!(i18n, account.unverified_resend)}</button>
        </ActionForm>
    }
}

#[component]
fn OrganisationCard(org: OrganisationDetails, invite: ServerAction<InviteMember>) -> impl IntoView {
    let i18n = use_i18n();
    let membership = org.membership;
    let kind = match membership.kind {
        OrgKind::Organiser => tr!(i18n, account.kind_organiser),
        OrgKind::Employer => tr!(i18n, account.kind_employer),
    };
    let my_role = role_text(i18n, membership.role);
    let heading_id = format!("org-{}", membership.organisation_id);
    let labelled_by = heading_id.clone();
    let members = org.members;
    let pending = org.pending_invites;
    let can_invite = membership.role.can_manage_members();
    let roles = membership.kind.roles();
    let org_id = membership.organisation_id;
    view! {
        <article class="card" aria-labelledby=labelled_by>
            <h3 id=heading_id>{membership.organisation_name}</h3>
            <p class="meta">{move || kind.get()} " · " {t!(i18n, account.your_role, role = my_role.clone())}</p>
            {match org.approval {
                Approval::Approved => None,
                Approval::Pending => Some(view! { <p class="notice" role="status">{t!(i18n, account.approval_pending)}</p> }.into_any()),
                Approval::Declined => Some(view! { <p class="notice warning" role="status">{t!(i18n, account.approval_declined)}</p> }.into_any()),
            }}
            {(membership.kind == OrgKind::Employer && membership.role.can_act_for_employer()).then(|| view! {
                <p class="actions">
                    <a class="button" href=format!("/employer/{org_id}/profile")>{t!(i18n, employer.profile_link)}</a>
                    " "
                    <a class="button" href="/bookings">{t!(i18n, booking.mine_title)}</a>
                </p>
            })}
            <h4>{t!(i18n, account.members)}</h4>
            <ul class="plain-list">
                {members.into_iter().map(|m| {
                    let role = role_text(i18n, m.role);
                    let manage = can_invite && !m.you;
                    let name = m.display_name.clone();
                    view! {
                        <li>
                            {m.display_name} " (" {m.email} ") – " {role}
                            {m.you.then(|| view! { " " {t!(i18n, account.you)} })}
                            {manage.then(|| view! {
                                <MemberControls org_id member=m.user_id name current=m.role roles />
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <LeaveForm org_id />
            {(!pending.is_empty()).then(|| view! {
                <h4>{t!(i18n, account.pending_invites)}</h4>
                <ul class="plain-list">
                    {pending.into_iter().map(|p| {
                        let role = role_text(i18n, p.role);
                        view! { <li>{p.email} " – " {role}</li> }
                    }).collect_view()}
                </ul>
            })}
            {can_invite.then(|| view! { <InviteForm org_id roles invite /> })}
        </article>
    }
}

#[component]
fn InviteForm(
    org_id: i64,
    roles: &'static [crate::organisations::Role],
    invite: ServerAction<InviteMember>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(invite);
    let sent_to = move || invite.value().get().and_then(Result::ok);
    let select_id = format!("invite-role-{org_id}");
    view! {
        <ActionForm action=invite attr:class="form compact" attr:novalidate=true>
            <h4>{t!(i18n, account.invite_title)}</h4>
            <p class="notice success" role="status" hidden=move || sent_to().is_none()>
                {move || sent_to().map(|email| t_string!(i18n, account.invite_sent, email = email).to_string())}
            </p>
            <FormAlert error=error />
            <input type="hidden" name="organisation_id" value=org_id />
            <TextField
                name="email"
                id=format!("invite-email-{org_id}")
                input_type="email"
                autocomplete="off"
                required=true
                label=tr!(i18n, account.invite_email)
                problem=field_problem(error, "email")
            />
            <div class="field">
                <label for=select_id.clone()>{t!(i18n, account.invite_role)}</label>
                <select id=select_id name="role">
                    {roles.iter().rev().map(|role| {
                        view! { <option value=role.as_str()>{role_text(i18n, *role)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button" disabled=invite.pending()>{t!(i18n, account.invite_submit)}</button>
        </ActionForm>
    }
}

/// The account page's actions on members; the list reloads after each.
#[derive(Clone, Copy)]
struct MemberActions {
    change: ServerAction<ChangeMemberRole>,
    remove: ServerAction<RemoveMember>,
    leave: ServerAction<LeaveOrganisation>,
}

/// An owner's controls for one member: another role, or removal.
#[component]
fn MemberControls(
    org_id: i64,
    member: i64,
    name: String,
    current: crate::organisations::Role,
    roles: &'static [crate::organisations::Role],
) -> impl IntoView {
    let i18n = use_i18n();
    let actions = expect_context::<MemberActions>();
    let select_id = format!("role-{org_id}-{member}");
    let role_label = t_string!(i18n, account.role_of, name = name.clone()).to_string();
    let remove_label = t_string!(i18n, account.remove_member, name = name).to_string();
    view! {
        <ActionForm action=actions.change attr:class="inline-form">
            <input type="hidden" name="organisation_id" value=org_id />
            <input type="hidden" name="user_id" value=member />
            " "
            <label for=select_id.clone() class="visually-hidden">{role_label}</label>
            <select id=select_id name="role">
                {roles.iter().rev().map(|role| {
                    view! { <option value=role.as_str() selected=*role == current>{role_text(i18n, *role)}</option> }
                }).collect_view()}
            </select>
            " "
            <button type="submit" class="button small">{t!(i18n, account.change_role)}</button>
        </ActionForm>
        " "
        <ActionForm action=actions.remove attr:class="inline-form">
            <input type="hidden" name="organisation_id" value=org_id />
            <input type="hidden" name="user_id" value=member />
            <button type="submit" class="button small danger">{remove_label}</button>
        </ActionForm>
    }
}

#[component]
fn LeaveForm(org_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let actions = expect_context::<MemberActions>();
    // Behind a disclosure, so it is not pressed by accident.
    view! {
        <details class="danger-zone">
            <summary>{t!(i18n, account.leave)}</summary>
            <ActionForm action=actions.leave attr:class="form compact">
                <input type="hidden" name="organisation_id" value=org_id />
                <button type="submit" class="button small danger">{t!(i18n, account.leave)}</button>
            </ActionForm>
        </details>
    }
}
