import { Pool } from 'pg';
import {
  createKeycloakTokenVerifier,
  DevUserStore,
  openOrm,
  startDevIdentityProvider,
  startEmbeddedPostgres,
  systemClock,
  type Clock,
  type DevIdentityProvider,
  type Logger,
  type Orm,
  type RunningDatabase,
} from '@cbccvc/platform';
import {
  DevIdentityProviderAdapter,
  entities,
  KeycloakAdminIdentityProvider,
  migrations,
  startOrganizationService,
  type IdentityProvider,
} from '@cbccvc/organization';
import type { SystemConfig } from './config';
import { readCommittedSupergraph } from './composition';
import { startGateway } from './gateway';

export interface RunningSystem {
  gatewayUrl: string;
  organizationUrl: string;
  databaseUrl: string;
  orm: Orm;
  /** Present when no KEYCLOAK_URL is configured. */
  devIdentityProvider: DevIdentityProvider | undefined;
  close(): Promise<void>;
}

/**
 * Starts everything one machine needs: the database (embedded unless DATABASE_URL is set), the
 * identity provider (the development one unless KEYCLOAK_URL is set), the subgraphs and the gateway.
 */
export async function startSystem(config: SystemConfig, logger: Logger, clock: Clock = systemClock): Promise<RunningSystem> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed'));
  };
  try {
    let database: RunningDatabase | undefined;
    if (!config.databaseUrl) {
      database = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort, persistent: true, logger });
      closers.push(() => database!.stop());
    }
    const databaseUrl = config.databaseUrl ?? database!.url;
    const orm = await openOrm({ url: databaseUrl, schema: 'organization', entities, migrations, logger });
    closers.push(() => orm.close());

    let identityProvider: IdentityProvider;
    let devIdentityProvider: DevIdentityProvider | undefined;
    let authServerUrl: string;
    if (config.keycloak) {
      identityProvider = new KeycloakAdminIdentityProvider({
        baseUrl: config.keycloak.url,
        realm: config.realm,
        clientId: config.keycloak.adminClientId,
        clientSecret: config.keycloak.adminClientSecret,
      });
      authServerUrl = config.keycloak.url;
    } else {
      const pool = new Pool({ connectionString: databaseUrl, max: 4 });
      closers.push(() => pool.end());
      devIdentityProvider = await startDevIdentityProvider({
        port: config.devIdpPort,
        host: config.host,
        realm: config.realm,
        audience: config.audience,
        clients: [config.portalClientId, config.dashboardsClientId],
        store: new DevUserStore(pool),
        keyFile: `${config.dataDir}/dev-idp-signing-key.json`,
        nodeEnv: config.nodeEnv,
        logger,
      });
      closers.push(() => devIdentityProvider!.close());
      identityProvider = new DevIdentityProviderAdapter(devIdentityProvider.store);
      authServerUrl = devIdentityProvider.authServerUrl;
    }
    const verifier = () => createKeycloakTokenVerifier({ authServerUrl, realm: config.realm, audience: config.audience });

    const organization = await startOrganizationService({
      orm,
      verifier: verifier(),
      identityProvider,
      clock,
      logger: logger.child({ component: 'organization' }),
      port: config.organizationPort,
      host: config.host,
      production: config.production,
    });
    closers.push(() => organization.close());

    const gateway = await startGateway({
      supergraphSdl: readCommittedSupergraph(),
      subgraphUrls: { organization: config.organizationUrl ?? `${organization.url}/graphql` },
      verifier: verifier(),
      logger: logger.child({ component: 'gateway' }),
      port: config.gatewayPort,
      host: config.host,
      production: config.production,
    });
    closers.push(() => gateway.close());

    return { gatewayUrl: `${gateway.url}/graphql`, organizationUrl: `${organization.url}/graphql`, databaseUrl, orm, devIdentityProvider, close };
  } catch (error) {
    await close();
    throw error;
  }
}
