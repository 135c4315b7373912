//! The scanning device, in the browser: bindings to `scanner.js` for what
//! wasm cannot reach itself (IndexedDB, so the queue and the data a
//! scanner decides with survive a reload; random nonces; clocks; the
//! network state; sound and vibration; keeping the page for offline use).
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/scanner/scanner.js")]
extern "C" {
    #[wasm_bindgen(js_name = kvGet)]
    fn kv_get(key: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = kvPut)]
    fn kv_put(key: &str, value: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = keepForOffline)]
    pub fn keep_for_offline();
    #[wasm_bindgen(js_name = randomNonce)]
    pub fn random_nonce() -> String;
    #[wasm_bindgen(js_name = nowSeconds)]
    pub fn now_seconds() -> f64;
    #[wasm_bindgen(js_name = nowMillis)]
    pub fn now_millis() -> f64;
    #[wasm_bindgen(js_name = isOnline)]
    pub fn is_online() -> bool;
    #[wasm_bindgen(js_name = sleep)]
    fn sleep_promise(ms: u32) -> js_sys::Promise;
    /// A high short beep for "admitted", a low long one for "refused".
    pub fn feedback(ok: bool);
}

/// A stored value of the device (IndexedDB), if any.
pub async fn load(key: &str) -> Option<String> {
    JsFuture::from(kv_get(key)).await.ok()?.as_string()
}

/// Stores a value on the device; false when the browser refused.
pub async fn save(key: &str, value: &str) -> bool {
    JsFuture::from(kv_put(key, value))
        .await
        .map(|v| v.as_bool().unwrap_or(false))
        .unwrap_or(false)
}

/// A stored value read back from JSON; `None` when absent or unreadable.
pub async fn load_json<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    serde_json::from_str(&load(key).await?).ok()
}

/// Stores a value as JSON, in the background.
pub fn save_json<T: serde::Serialize>(key: String, value: &T) {
    if let Ok(text) = serde_json::to_string(value) {
        spawn_local(async move {
            save(&key, &text).await;
        });
    }
}

pub async fn sleep(ms: u32) {
    let _ = JsFuture::from(sleep_promise(ms)).await;
}
