//! Fair pages: the public ones and the organiser's.
mod dashboard;
mod fair_fields;
mod home;
mod organise;
mod organisers;
mod plan;
mod public;
mod slots;

pub use dashboard::DashboardPage;
pub use fair_fields::FairFields;
pub use home::HomePage;
pub use organise::OrganisePage;
pub use organisers::OrganisersSection;
pub use plan::{FairPlanPage, fair_id_param};
pub use public::PublicFairPage;
pub use slots::{SlotsSection, entry_mode_text};

use crate::{fairs::FairStatus, i18n::Locale};
use leptos_i18n::{I18nContext, t_string};

pub fn status_text(i18n: I18nContext<Locale>, status: FairStatus) -> String {
    match status {
        FairStatus::Draft => t_string!(i18n, plan.status_draft),
        FairStatus::Published => t_string!(i18n, plan.status_published),
        FairStatus::Closed => t_string!(i18n, plan.status_closed),
        FairStatus::Archived => t_string!(i18n, plan.status_archived),
    }
    .to_string()
}
