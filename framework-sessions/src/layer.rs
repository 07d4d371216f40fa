//! `SessionLayer`: reads the signed session cookie, gives the request its session,
//! and afterwards writes the session back (store and cookie) only if it changed.

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cookie::Cookie;
use framework_core::Error;
use framework_core::middleware::{Middleware, MiddlewareLayer, MiddlewareService};
use http::{HeaderValue, Request, StatusCode, header};
use tower::{Layer, Service};
use tower_sessions::Expiry;
use tower_sessions::session::Id;

use crate::error::SetupError;
use crate::keys::{KeyRing, SIGNATURE_LEN};
use crate::session::{Handle, Session};
use crate::settings::SessionSettings;
use crate::store::Store;

/// Sessions for every route of an app: `App::new()…layer(SessionLayer::new(..))`.
///
/// The cookie holds only the session's id, signed with `SECRET_KEY`; the data lives in
/// the store. Cookie attributes: `HttpOnly`, `SameSite=Lax`, `Path=/`, and `Secure`
/// outside development. A cookie that does not verify (tampered, truncated, signed
/// with another key) counts as no session. A store that is down gives a 503 to the
/// requests that need the session, and nothing else notices.
///
/// ```
/// use framework_core::config::Config;
/// use framework_core::prelude::*;
/// use framework_sessions::{Session, SessionLayer};
///
/// #[get("/")]
/// async fn index(session: Session) -> Result<String> {
///     Ok(session.get::<String>("user").await?.unwrap_or_default())
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let config = Config::from_vars([("SECRET_KEY", "dev")])?;
/// let sessions = SessionLayer::from_config(&config).await?;
/// let app = App::new().register(routes![index]).layer(sessions);
/// # let _ = app;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct SessionLayer {
    shared: Arc<Shared>,
}

struct Shared {
    store: Arc<Store>,
    keys: KeyRing,
    cookie_name: String,
    secure: bool,
    cookie: crate::settings::CookieSettings,
    refresh_each_request: bool,
    expiry: Expiry,
    max_age: Option<cookie::time::Duration>,
    /// The session cookie's attributes as they follow its value (`; HttpOnly; …`),
    /// the same for every cookie the layer sets, so rendered once.
    attributes: String,
}

impl SessionLayer {
    /// Sessions as `settings` say, in `store`.
    pub fn new(settings: SessionSettings, store: Store) -> Self {
        let lifetime = cookie::time::Duration::seconds(
            i64::try_from(settings.lifetime.as_secs()).unwrap_or(i64::MAX),
        );
        let (expiry, max_age) = if settings.permanent {
            (Expiry::OnInactivity(lifetime), Some(lifetime))
        } else {
            (Expiry::OnSessionEnd, None)
        };
        tracing::info!(store = store.kind(), "sessions enabled");
        let attributes = {
            let mut cookie = base_cookie(
                &settings.cookie,
                &settings.cookie_name,
                settings.secure,
                String::new(),
            );
            if let Some(max_age) = max_age {
                cookie.set_max_age(max_age);
            }
            let rendered = cookie.to_string();
            let prefix = format!("{}=", settings.cookie_name);
            rendered
                .strip_prefix(&prefix)
                .unwrap_or_default()
                .to_owned()
        };
        SessionLayer {
            shared: Arc::new(Shared {
                store: Arc::new(store),
                keys: settings.keys,
                cookie_name: settings.cookie_name,
                secure: settings.secure,
                cookie: settings.cookie,
                refresh_each_request: settings.refresh_each_request,
                expiry,
                max_age,
                attributes,
            }),
        }
    }

    /// Reads the session settings from `config` (`SECRET_KEY`, `SESSION_STORE`, …)
    /// and opens the store; an error names the setting.
    pub async fn from_config(config: &framework_core::config::Config) -> Result<Self, SetupError> {
        let settings = SessionSettings::from_config(config)?;
        let store = Store::connect(&settings.store).await?;
        Ok(Self::new(settings, store))
    }
}

impl<S> Layer<S> for SessionLayer {
    type Service = MiddlewareService<Sessions, S>;

    fn layer(&self, inner: S) -> Self::Service {
        MiddlewareLayer(Sessions(self.shared.clone())).layer(inner)
    }
}

/// The session middleware: the request gets its session; afterwards it is saved.
#[derive(Clone)]
pub struct Sessions(Arc<Shared>);

impl Middleware for Sessions {
    // A block rather than an `async fn`, so the request is held once in the future
    // (an `async fn` keeps its arguments and a copy of them): the future is moved
    // into its box on every request.
    #[allow(clippy::manual_async_fn)]
    fn call<S>(
        &self,
        mut request: Request<Body>,
        mut inner: S,
    ) -> impl Future<Output = Response> + Send
    where
        S: Service<Request<Body>, Response = Response, Error = Infallible> + Send,
        S::Future: Send,
    {
        async move {
            let shared = &self.0;
            let (id, signed_with_old_key) = match incoming_id(shared, &request) {
                Some((id, old)) => (Some(id), old),
                None => (None, false),
            };
            let handle = Handle::new(id, shared.store.clone(), shared.expiry);
            request.extensions_mut().insert(handle.clone());
            let response = match request
                .extensions()
                .get::<crate::transaction::Transaction>()
                .and_then(crate::transaction::Transaction::take)
            {
                // A test's `session_transaction`: the work instead of the app.
                Some(work) => match work(crate::Session::from_handle(handle.clone())).await {
                    Ok(()) => StatusCode::NO_CONTENT.into_response(),
                    Err(error) => {
                        (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response()
                    }
                },
                None => {
                    let Ok(response) = inner.call(request).await;
                    response
                }
            };
            if !handle.state.accessed.load(Ordering::Relaxed) {
                return response;
            }
            // Boxed: the store's futures inside it would otherwise make the future of
            // every request larger, sessions used or not, and it is moved whole.
            Box::pin(finish(shared, &handle, signed_with_old_key, response)).await
        }
    }
}

/// The session id from the request's cookie, if one verifies with a key of the ring
/// (and whether an old key did).
fn incoming_id(shared: &Shared, request: &Request<Body>) -> Option<(Id, bool)> {
    request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(name, _)| *name == shared.cookie_name)
        .find_map(|(_, value)| {
            let (id, old) = shared.keys.verify(&shared.cookie_name, value)?;
            Some((id.parse::<Id>().ok()?, old))
        })
}

/// After the handler of a request that read or changed its session: `Vary: Cookie`;
/// save and set the cookie if it changed (a 503 if the store fails); remove the
/// cookie if it was emptied; re-sign a cookie signed with an old key. A block rather than an `async fn`, so
/// the response is held once in the future.
#[allow(clippy::manual_async_fn)]
fn finish<'a>(
    shared: &'a Shared,
    handle: &'a Handle,
    signed_with_old_key: bool,
    mut response: Response,
) -> impl Future<Output = Response> + Send + 'a {
    async move {
        let incoming = handle.incoming();
        let had_cookie = incoming.is_some();
        vary_on_cookie(&mut response);
        let showed_flashes = handle.state.flashes.lock().is_ok_and(|f| f.showed_stored());
        if showed_flashes
            // Boxed: a rare step whose future would otherwise make every request's larger.
            && let Err(error) = Box::pin(Session::from_handle(handle.clone()).forget_shown_flashes())
                .await
        {
            tracing::error!(%error, "could not take the shown flashed messages out of the session");
            return store_unavailable();
        }
        let session = handle.session();
        if session.is_modified() {
            if session.is_empty().await {
                // Cleared (and already deleted from the store): the cookie goes too.
                if had_cookie {
                    set_cookie(shared, &mut response, removal_cookie(shared));
                }
                return response;
            }
            if response.status().is_server_error() {
                return response;
            }
            if let Err(error) = session.save().await {
                tracing::error!(%error, "could not save the session");
                return store_unavailable();
            }
        } else if had_cookie && shared.max_age.is_some() && shared.refresh_each_request {
            // A permanent session is renewed on each request that uses it (Flask's
            // SESSION_REFRESH_EACH_REQUEST): in the store, and then in the cookie.
            if session.is_empty().await || response.status().is_server_error() {
                return response;
            }
            if let Err(error) = session.save().await {
                tracing::error!(%error, "could not renew the session");
                return store_unavailable();
            }
        } else if !(signed_with_old_key && had_cookie) {
            // Unchanged: nothing to save, and the cookie needs no re-signing.
            return response;
        }
        // The browser already holds a valid cookie for this id: sending it again only
        // matters when it must be re-signed or its lifetime refreshed.
        let unchanged = had_cookie && session.id() == incoming && !signed_with_old_key;
        let renews = session.is_modified() || shared.refresh_each_request;
        if unchanged && (shared.max_age.is_none() || !renews) {
            return response;
        }
        if let Some(id) = session.id()
            && let Some(cookie) = session_cookie(shared, &id)
        {
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
        response
    }
}

fn store_unavailable() -> Response {
    Error::from_status(StatusCode::SERVICE_UNAVAILABLE)
        .with_message("The session store is unavailable; please try again shortly.")
        .into_response()
}

fn base_cookie(
    settings: &crate::settings::CookieSettings,
    name: &str,
    secure: bool,
    value: String,
) -> Cookie<'static> {
    let mut cookie = Cookie::build((name.to_owned(), value))
        .path(settings.path.clone())
        .http_only(settings.http_only)
        .secure(secure)
        .partitioned(settings.partitioned)
        .build();
    if let Some(same_site) = settings.same_site {
        cookie.set_same_site(same_site);
    }
    if let Some(domain) = &settings.domain {
        cookie.set_domain(domain.clone());
    }
    cookie
}

/// Adds `Cookie` to the response's `Vary`, merged into the one that is there (a
/// cache must key the response on the cookie; one header, no duplicate).
fn vary_on_cookie(response: &mut Response) {
    if !response.headers().contains_key(header::VARY) {
        response
            .headers_mut()
            .insert(header::VARY, HeaderValue::from_static("Cookie"));
        return;
    }
    let existing: Vec<String> = response
        .headers()
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect();
    if existing
        .iter()
        .any(|v| v == "*" || v.eq_ignore_ascii_case("cookie"))
    {
        return;
    }
    let value = if existing.is_empty() {
        HeaderValue::from_static("Cookie")
    } else {
        match HeaderValue::from_str(&format!("{}, Cookie", existing.join(", "))) {
            Ok(value) => value,
            Err(_) => return,
        }
    };
    response.headers_mut().insert(header::VARY, value);
}

/// The `Set-Cookie` value for the session `id`: its name, the signed id, and the
/// attributes rendered when the layer was made, in one allocation.
fn session_cookie(shared: &Shared, id: &Id) -> Option<HeaderValue> {
    let encoded = encode_id(id)?;
    let id = std::str::from_utf8(&encoded).ok()?;
    let name = &shared.cookie_name;
    let mut value =
        String::with_capacity(name.len() + 1 + SIGNATURE_LEN + id.len() + shared.attributes.len());
    value.push_str(name);
    value.push('=');
    shared.keys.sign_into(name, id, &mut value);
    value.push_str(&shared.attributes);
    HeaderValue::try_from(value).ok()
}

/// `id` as its `Display` writes it (URL-safe base64 of its 16 bytes), without the
/// formatting machinery and the `String`.
fn encode_id(id: &Id) -> Option<[u8; 22]> {
    // 16 bytes are always 22 characters of unpadded base64.
    let mut encoded = [0; 22];
    let written = URL_SAFE_NO_PAD
        .encode_slice(id.0.to_le_bytes(), &mut encoded)
        .ok()?;
    (written == encoded.len()).then_some(encoded)
}

fn removal_cookie(shared: &Shared) -> Cookie<'static> {
    let mut cookie = base_cookie(
        &shared.cookie,
        &shared.cookie_name,
        shared.secure,
        String::new(),
    );
    cookie.make_removal();
    cookie
}

fn set_cookie(_shared: &Shared, response: &mut Response, cookie: Cookie<'static>) {
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use tower_sessions::session::Id;

    #[test]
    fn ids_are_encoded_as_their_display_writes_them() {
        for id in [Id(0), Id(-1), Id(i128::MAX), Id::default(), Id::default()] {
            let encoded = super::encode_id(&id).unwrap();
            assert_eq!(std::str::from_utf8(&encoded).unwrap(), id.to_string());
        }
    }
}
