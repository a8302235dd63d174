// The grants of the suite's not-scored auth extension scenarios, each done by one of the SDK's providers and handed to
// the Session as `grantProvider` (or `dpop`): client credentials (SEP-1046), enterprise-managed authorization
// (SEP-990), workload identity federation (SEP-1933) and DPoP (SEP-1932).
import {
  ClientCredentialsProvider,
  CrossAppAccessProvider,
  PrivateKeyJwtProvider,
  requestJwtAuthorizationGrant,
} from '@modelcontextprotocol/client';
import type { OAuthGrantOptions } from '../../src/core/client/oauth';

/** What a scenario puts in MCP_CONFORMANCE_CONTEXT for its grant. */
export interface GrantContext {
  client_id?: string;
  client_secret?: string;
  private_key_pem?: string;
  signing_algorithm?: string;
  idp_client_id?: string;
  idp_id_token?: string;
  idp_token_endpoint?: string;
  valid_jwt?: string;
}

/** The grant options for a scenario; {} for the authorization-code flow every scored scenario uses. */
export function grantFor(scenario: string, c: GrantContext): OAuthGrantOptions {
  const need = (v: string | undefined, what: string): string => {
    if (!v) throw new Error(`${scenario}: the scenario context has no ${what}`);
    return v;
  };
  switch (scenario) {
    case 'auth/client-credentials-basic':
      return { grantProvider: new ClientCredentialsProvider({ clientId: need(c.client_id, 'client_id'), clientSecret: need(c.client_secret, 'client_secret') }) };
    case 'auth/client-credentials-jwt':
      return {
        grantProvider: new PrivateKeyJwtProvider({ clientId: need(c.client_id, 'client_id'), privateKey: need(c.private_key_pem, 'private_key_pem'), algorithm: c.signing_algorithm ?? 'ES256' }),
      };
    case 'auth/enterprise-managed-authorization':
      return {
        grantProvider: new CrossAppAccessProvider({
          clientId: need(c.client_id, 'client_id'),
          clientSecret: need(c.client_secret, 'client_secret'),
          // The ID token is exchanged at the IdP for an ID-JAG (RFC 8693), which the provider then presents (RFC 7523).
          assertion: async (ctx) =>
            (
              await requestJwtAuthorizationGrant({
                tokenEndpoint: need(c.idp_token_endpoint, 'idp_token_endpoint'),
                audience: ctx.authorizationServerUrl,
                resource: ctx.resourceUrl,
                idToken: need(c.idp_id_token, 'idp_id_token'),
                clientId: need(c.idp_client_id, 'idp_client_id'),
                scope: ctx.scope,
                fetchFn: ctx.fetchFn,
              })
            ).jwtAuthGrant,
        }),
      };
    case 'auth/wif-jwt-bearer':
      // The same RFC 7523 jwt-bearer grant with the workload's own token as the assertion; a public client.
      return { grantProvider: new CrossAppAccessProvider({ clientId: need(c.client_id, 'client_id'), clientSecret: '', assertion: () => need(c.valid_jwt, 'valid_jwt') }) };
    case 'auth/dpop':
    case 'auth/dpop-nonce':
      return { dpop: true };
    default:
      return {};
  }
}
