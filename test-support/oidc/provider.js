// A real OpenID provider for the identity tests: panva's certified `oidc-provider`
// on 127.0.0.1, with one confidential client, two test accounts, a fresh RSA signing
// key per start (restarting it on the same port is a key rotation), and an
// interaction that logs in by form POST and approves the test client's consent
// itself.
//
// Settings, from the environment:
//   OIDC_PORT                 port to listen on (required)
//   OIDC_CLIENT_ID / _SECRET  the client (default `app` / `app-secret`)
//   OIDC_REDIRECT_URIS        comma-separated redirect URIs of the client (required)
//   OIDC_POST_LOGOUT_URIS     comma-separated post-logout redirect URIs
//   OIDC_CODE_TTL             authorization code lifetime in seconds (default 60)
//   OIDC_ACCESS_TTL           access token lifetime in seconds (default 3600)
//   OIDC_TAMPER               make the token endpoint misbehave, to test the relying
//                             party's checks: `signature` (a byte of the ID token's
//                             signature flipped) or `claims` (the ID token re-signed
//                             with the provider's own key after merging the JSON
//                             object in OIDC_TAMPER_CLAIMS, e.g. {"aud":"other"})
//
// The client may also get JWT access tokens for the API `urn:test-api` (scopes
// `posts:read`, `posts:write`, and examples/api's `notes:write`, `notes:delete`)
// with the client credentials grant.
//
// GET /__test/stats answers how often the JWKS and token endpoints were asked.

import http from 'node:http';
import crypto from 'node:crypto';
import Provider, { errors } from 'oidc-provider';
import * as jose from 'jose';

const env = process.env;
const port = Number(env.OIDC_PORT);
if (!port) {
  console.error('OIDC_PORT is required');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;
const list = (value) => (value || '').split(',').map((s) => s.trim()).filter(Boolean);

const ACCOUNTS = {
  alice: { password: 'alice-password', claims: { email: 'alice@example.test', email_verified: true, name: 'Alice', roles: ['editor'] } },
  bob: { password: 'bob-password', claims: { email: 'bob@example.test', email_verified: false, name: 'Bob', roles: [] } },
};

const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const signingJwk = { ...(await jose.exportJWK(privateKey)), kid: crypto.randomUUID(), alg: 'RS256', use: 'sig' };

const stats = { jwks: 0, token: 0 };
const API = 'urn:test-api';

const provider = new Provider(issuer, {
  clients: [{
    client_id: env.OIDC_CLIENT_ID || 'app',
    client_secret: env.OIDC_CLIENT_SECRET || 'app-secret',
    redirect_uris: list(env.OIDC_REDIRECT_URIS),
    post_logout_redirect_uris: list(env.OIDC_POST_LOGOUT_URIS),
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types: ['code'],
  }],
  jwks: { keys: [signingJwk] },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], roles: ['roles'] },
  scopes: ['openid', 'offline_access', 'email', 'profile', 'roles'],
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: true },
    // JWT access tokens for the API `urn:test-api` (client credentials grant), for
    // the bearer-token tests; sign-ins without `resource` keep opaque tokens.
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => undefined,
      useGrantedResource: () => false,
      getResourceServerInfo: (_ctx, resource) => {
        if (resource !== API) throw new errors.InvalidTarget();
        return { scope: 'posts:read posts:write notes:write notes:delete', audience: API, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
  pkce: { required: () => true },
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  ttl: {
    AuthorizationCode: Number(env.OIDC_CODE_TTL || 60),
    AccessToken: Number(env.OIDC_ACCESS_TTL || 3600),
    ClientCredentials: 600,
    Grant: 3600,
    IdToken: 3600,
    Interaction: 600,
    Session: 3600,
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, id) {
    const account = ACCOUNTS[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...account.claims }) };
  },
});

// Counts and, if asked, corrupts what the token endpoint answers.
provider.use(async (ctx, next) => {
  if (ctx.path === '/jwks') stats.jwks += 1;
  await next();
  if (ctx.path !== '/token' || ctx.method !== 'POST') return;
  stats.token += 1;
  const body = ctx.body;
  if (!body || typeof body !== 'object' || !body.id_token) return;
  if (env.OIDC_TAMPER === 'signature') {
    const [head, payload, signature] = body.id_token.split('.');
    const flipped = (signature[5] === 'A' ? 'B' : 'A');
    ctx.body = { ...body, id_token: `${head}.${payload}.${signature.slice(0, 5)}${flipped}${signature.slice(6)}` };
  } else if (env.OIDC_TAMPER === 'claims') {
    const claims = { ...jose.decodeJwt(body.id_token), ...JSON.parse(env.OIDC_TAMPER_CLAIMS || '{}') };
    const idToken = await new jose.SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid, typ: 'JWT' })
      .sign(privateKey);
    ctx.body = { ...body, id_token: idToken };
  }
});

const page = (res, status, html) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html><body>${html}</body></html>`);
};

const readForm = (req) => new Promise((resolve, reject) => {
  let raw = '';
  req.on('data', (chunk) => { raw += chunk; });
  req.on('end', () => resolve(Object.fromEntries(new URLSearchParams(raw))));
  req.on('error', reject);
});

// The login form, its POST, and consent approved on the spot for the test client.
async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return page(res, 400, 'wrong interaction');
  if (details.prompt.name === 'login') {
    if (action !== 'login' || req.method !== 'POST') {
      return page(res, 200, `<form method="post" action="/interaction/${uid}/login">
        <input name="login"><input name="password" type="password"><button>Sign in</button></form>`);
    }
    const form = await readForm(req);
    const account = ACCOUNTS[form.login];
    if (!account || account.password !== form.password) {
      return page(res, 401, 'wrong login or password');
    }
    return provider.interactionFinished(req, res, { login: { accountId: form.login } });
  }
  const { prompt: { details: missing }, params, session } = details;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes || {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  return provider.interactionFinished(req, res, { consent: { grantId } });
}

const handle = provider.callback();
http.createServer((req, res) => {
  const url = new URL(req.url, issuer);
  if (url.pathname === '/__test/stats') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify(stats));
  }
  const match = url.pathname.match(/^\/interaction\/([^/]+)(?:\/(login))?$/);
  if (match) {
    return interaction(req, res, match[1], match[2]).catch((error) => page(res, 400, String(error.message)));
  }
  return handle(req, res);
}).listen(port, '127.0.0.1', () => console.log(`oidc-provider listening on ${issuer}`));
