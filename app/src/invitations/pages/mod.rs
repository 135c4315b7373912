//! Invitation pages: the organiser's invitations of a fair, and the
//! unsubscribe page a mail links to.
mod invitations;
mod unsubscribe;

pub use invitations::InvitationsPage;
pub use unsubscribe::UnsubscribePage;

/// Reads the file chosen in an `<input type="file">` as text (browser only).
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub async fn read_chosen_file(input: leptos::web_sys::HtmlInputElement) -> Option<String> {
    let file = input.files()?.get(0)?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()?;
    text.as_string()
}

#[cfg(not(all(feature = "hydrate", not(feature = "ssr"))))]
pub async fn read_chosen_file(_input: leptos::web_sys::HtmlInputElement) -> Option<String> {
    None
}
