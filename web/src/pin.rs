//! A kiosk's exit PIN checked on the device, for leaving the kiosk while the server cannot be
//! reached: PBKDF2-HMAC-SHA-256 through the browser's WebCrypto (`crypto.subtle`), under a
//! random salt made at pairing. Only the derived hash is kept
//! (`werkstadt_domain::kiosk::PinVerifier`), never the PIN.
//!
//! WebCrypto is called through reflection (`Reflect.apply`): one JS import instead of one per
//! method, since every import a lazily loaded page uses stays in the app's first route.

use crate::error::ClientError;
use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use werkstadt_domain::kiosk::{PinVerifier, PIN_HASH_LEN, PIN_ROUNDS, PIN_SALT_LEN};

fn no(_: JsValue) -> ClientError {
    ClientError::Browser
}

/// `target[name](...args)`, awaited.
async fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, ClientError> {
    let f: Function = Reflect::get(target, &name.into())
        .map_err(no)?
        .dyn_into()
        .map_err(no)?;
    let promise = Reflect::apply(&f, target, &args.iter().collect::<Array>()).map_err(no)?;
    JsFuture::from(js_sys::Promise::resolve(&promise))
        .await
        .map_err(no)
}

fn bytes(data: &[u8]) -> JsValue {
    let array = Uint8Array::new(&JsValue::from(data.len() as u32));
    array.copy_from(data);
    array.into()
}

/// PBKDF2-HMAC-SHA-256 of `pin` under `salt` with `rounds` rounds (32 bytes).
async fn derive(pin: &str, salt: &[u8], rounds: u32) -> Result<Vec<u8>, ClientError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(ClientError::Browser)?;
    let subtle = Reflect::get(&crypto, &"subtle".into()).map_err(no)?;
    let usages = Array::of1(&"deriveBits".into());
    let key = call(
        &subtle,
        "importKey",
        &[
            "raw".into(),
            bytes(pin.as_bytes()),
            "PBKDF2".into(),
            false.into(),
            usages.into(),
        ],
    )
    .await?;
    let params = Object::new();
    for (name, value) in [
        ("name", JsValue::from_str("PBKDF2")),
        ("hash", JsValue::from_str("SHA-256")),
        ("salt", bytes(salt)),
        ("iterations", JsValue::from(rounds)),
    ] {
        Reflect::set(&params, &name.into(), &value).map_err(no)?;
    }
    let bits = call(
        &subtle,
        "deriveBits",
        &[params.into(), key, JsValue::from((PIN_HASH_LEN * 8) as u32)],
    )
    .await?;
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
