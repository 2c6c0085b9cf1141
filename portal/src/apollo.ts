import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { accessToken, login } from './auth';

/** Apollo Client over the gateway on this origin, with the caller's bearer token. */
export function createClient(): ApolloClient {
  const auth = new SetContextLink(async (prevContext) => {
    const token = await accessToken();
    if (!token) await login();
    return { headers: { ...prevContext.headers, authorization: `Bearer ${token}` } };
  });
  return new ApolloClient({
    link: ApolloLink.from([auth, new HttpLink({ uri: '/graphql' })]),
    cache: new InMemoryCache({ typePolicies: { Viewer: { keyFields: [] } } }),
  });
}
