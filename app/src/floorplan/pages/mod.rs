//! Floor-plan pages: the read-only plan, the halls list of the planning page
//! and the interactive editor.
mod booth_form;
mod editor;
mod editor_page;
mod gestures;
mod halls;
mod plan_view;

pub use editor_page::FloorPlanEditorPage;
pub use halls::HallsSection;
pub use plan_view::{FloorPlan, availability_text, category_text, extra_text};
