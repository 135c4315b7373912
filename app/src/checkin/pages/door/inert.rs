//! The scanner's handlers in the server build: the page is rendered there,
//! but no event fires and no effect runs, so they do nothing.
use super::state::Door;
use crate::{i18n::Locale, scanner::reader::CodeReader};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

pub fn start(_door: Door) {}

pub fn scan(_door: Door, _i18n: I18nContext<Locale>, _text: String) {}

pub fn save_gate(_door: Door) {}

pub fn walk_in(
    _door: Door,
    _i18n: I18nContext<Locale>,
    _name: String,
    _slot_id: String,
    _name_field: RwSignal<String>,
) {
}

pub fn toggle_camera(
    _door: Door,
    _i18n: I18nContext<Locale>,
    _reader: CodeReader,
    _video_ref: NodeRef<leptos::html::Video>,
) {
}
