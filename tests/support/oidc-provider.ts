// A real OpenID Provider (the certified `oidc-provider` library) for the single sign-on e2e
// test, run by playwright.config.ts as the first webServer, before the app. It serves https
// with a certificate generated at start-up for 127.0.0.1/localhost and writes that certificate
// to OIDC_CA_FILE, which the app server trusts through NODE_EXTRA_CA_CERTS (Playwright starts
// the web servers in order, so the file exists before the app's Node process reads it).
//
// Login screen: oidc-provider's devInteractions (any login and password). The login typed in
// is the account: "<email>" signs in with a verified email; "unverified:<email>" with the same
// email but email_verified=false (a different subject), for the refusal test.
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:https";
import path from "node:path";
import Provider from "oidc-provider";
import selfsigned from "selfsigned";

const port = Number(process.env.OIDC_PORT ?? 3399);
const appUrl = process.env.APP_URL;
const caFile = process.env.OIDC_CA_FILE;
const clientSecret = process.env.OIDC_CLIENT_SECRET;
if (!appUrl || !caFile || !clientSecret)
  throw new Error("oidc-provider: APP_URL, OIDC_CA_FILE and OIDC_CLIENT_SECRET are required");

const issuer = `https://127.0.0.1:${port}`;

function claimsFor(login: string) {
  const unverified = login.startsWith("unverified:");
  const email = unverified ? login.slice("unverified:".length) : login;
  return { sub: login, email, email_verified: !unverified, name: `SSO ${email.split("@")[0]}` };
}

async function main() {
  const pems = await selfsigned.generate([{ name: "commonName", value: "127.0.0.1" }], {
    keySize: 2048,
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
    ],
  });
  mkdirSync(path.dirname(caFile!), { recursive: true });
  writeFileSync(caFile!, pems.cert);

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: "civitas",
        client_secret: clientSecret,
        redirect_uris: [`${appUrl!.replace(/\/+$/, "")}/api/auth/callback/oidc`],
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    features: { devInteractions: { enabled: true } },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Claims go into the ID token too (Auth.js reads the profile from it).
    conformIdTokenClaims: false,
    cookies: { keys: [clientSecret!] },
    async findAccount(_ctx, sub) {
      return { accountId: sub, claims: async () => claimsFor(sub) };
    },
  });
  // The provider's own record of what it refused (e.g. invalid_grant), for the test log.
  provider.on("grant.error", (_ctx, err) => console.error(`[oidc] grant.error ${err.name}: ${err.message}`));
  provider.on("server_error", (_ctx, err) => console.error(`[oidc] server_error ${err.name}: ${err.message}`));
  createServer({ key: pems.private, cert: pems.cert }, provider.callback()).listen(port, "127.0.0.1", () => {
    console.log(`[oidc] issuer ${issuer} for ${appUrl}`);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
