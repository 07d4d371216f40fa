//! The OAuth 2.0 client for one step of one provider, made from what was discovered.

use openidconnect::core::CoreClient;
use openidconnect::{EndpointNotSet, EndpointSet, IssuerUrl};

use super::metadata::{Discovered, Live};

/// A client with its authorization and token endpoints set.
pub(crate) type FlowClient = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
    EndpointNotSet,
>;

pub(crate) fn flow_client(live: &Live, found: &Discovered) -> FlowClient {
    // A plain OAuth 2.0 provider has no issuer; its authorization URL stands in (no
    // ID token is ever checked against it).
    let issuer = found
        .issuer
        .clone()
        .unwrap_or_else(|| IssuerUrl::from_url(found.auth.url().clone()));
    let mut client = CoreClient::new(live.client_id.clone(), issuer, found.jwks.clone())
        .set_auth_uri(found.auth.clone())
        .set_token_uri(found.token.clone())
        .set_redirect_uri(live.redirect.clone());
    if let Some(secret) = &live.client_secret {
        client = client.set_client_secret(secret.clone());
    }
    if !live.config.is_openid() {
        client = client.disable_openid_scope();
    }
    client
}
