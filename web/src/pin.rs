//! A kiosk's exit PIN checked on the device, for leaving the kiosk while the server cannot be
//! reached: PBKDF2-HMAC-SHA-256 through the browser's WebCrypto (`crypto.subtle`), under a
//! random salt made at pairing. Only the derived hash is kept
//! (`werkstadt_domain::kiosk::PinVerifier`), never the PIN.

use crate::error::ClientError;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, Pbkdf2Params};
use werkstadt_domain::kiosk::{PinVerifier, PIN_HASH_LEN, PIN_ROUNDS, PIN_SALT_LEN};

fn no(_: JsValue) -> ClientError {
    ClientError::Browser
}

/// PBKDF2-HMAC-SHA-256 of `pin` under `salt` with `rounds` rounds (32 bytes).
async fn derive(pin: &str, salt: &[u8], rounds: u32) -> Result<Vec<u8>, ClientError> {
    let subtle = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(ClientError::Browser)?
        .subtle();
    let usages = Array::of1(&"deriveBits".into());
    let imported = subtle
        .import_key_with_str(
            "raw",
            &Uint8Array::from(pin.as_bytes()),
            "PBKDF2",
            false,
            &usages,
        )
        .map_err(no)?;
    let key: CryptoKey = JsFuture::from(imported)
        .await
        .map_err(no)?
        .dyn_into()
        .map_err(no)?;
    let params = Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", rounds, &Uint8Array::from(salt));
    let derived = subtle
        .derive_bits_with_object(&params, &key, (PIN_HASH_LEN * 8) as u32)
        .map_err(no)?;
    let bits = JsFuture::from(derived).await.map_err(no)?;
    Ok(Uint8Array::new(&bits).to_vec())
}

/// The verifier of a PIN just chosen (a fresh salt), to keep on the device.
pub async fn verifier(pin: &str) -> Result<PinVerifier, ClientError> {
    let mut salt = vec![0u8; PIN_SALT_LEN];
    crate::random_bytes(&mut salt)?;
    let hash = derive(pin, &salt, PIN_ROUNDS).await?;
    Ok(PinVerifier {
        rounds: PIN_ROUNDS,
        salt,
        hash,
    })
}

/// Whether `pin` is the one `v` was made from.
pub async fn matches(v: &PinVerifier, pin: &str) -> Result<bool, ClientError> {
    Ok(v.matches(&derive(pin, &v.salt, v.rounds).await?))
}
