import { join } from 'node:path';
import type { MigrationObject } from '@mikro-orm/core';
import {
  createKeycloakTokenVerifier,
  createMailer,
  createPool,
  readMailerConfig,
  DevUserStore,
  openOrm,
  startDevIdentityProvider,
  startEmbeddedPostgres,
  systemClock,
  type Clock,
  type DevIdentityProvider,
  type ListeningServer,
  type TokenVerifier,
  type Logger,
  type Orm,
} from '@cbccvc/platform';
import {
  DevIdentityProviderAdapter,
  entities,
  KeycloakAdminIdentityProvider,
  migrations,
  startOrganizationService,
  type IdentityProvider,
} from '@cbccvc/organization';
import { migrations as planningMigrations, startPlanningService } from '@cbccvc/planning';
import { migrations as evaluationMigrations, setEvaluationEvents, startEvaluationService } from '@cbccvc/evaluation';
import { migrations as reportingMigrations, startReportingService } from '@cbccvc/reporting';
import { connectTemporal, signalRating, startOrchestration } from '@cbccvc/workflows';
import type { ServiceName, SystemConfig } from './config';
import { readCommittedSupergraph } from './composition';
import { startGateway } from './gateway';

/** The portal's build output, served by the gateway at `/`. */
const portalDir = join(__dirname, '..', '..', 'portal', 'dist');

export interface RunningSystem {
  /** Present when this process runs the gateway. */
  gatewayUrl: string | undefined;
  /** Present when this process runs the organization subgraph (and so the database). */
  organizationUrl: string | undefined;
  /** Present when this process runs the planning subgraph. */
  planningUrl: string | undefined;
  /** Present when this process runs the evaluation subgraph. */
  evaluationUrl: string | undefined;
  /** Present when this process runs the reporting subgraph. */
  reportingUrl: string | undefined;
  orm: Orm | undefined;
  planningOrm: Orm | undefined;
  /** Present when this process runs the subgraph and no KEYCLOAK_URL is configured. */
  devIdentityProvider: DevIdentityProvider | undefined;
  close(): Promise<void>;
}

/**
 * Starts what this process runs (SERVICES): for the organization subgraph, the database (embedded
 * unless DATABASE_URL is set) and the identity provider (the development one unless KEYCLOAK_URL is
 * set); and the gateway. `npm start` runs both in one process.
 */
export async function startSystem(config: SystemConfig, logger: Logger, clock: Clock = systemClock): Promise<RunningSystem> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed'));
  };
  try {
    let orm: Orm | undefined;
    let devIdentityProvider: DevIdentityProvider | undefined;
    let organizationUrl: string | undefined;
    let authServerUrl = config.keycloak?.url;
    const verifier = () => createKeycloakTokenVerifier({ authServerUrl: authServerUrl!, realm: config.realm, audience: config.audience });

    let identityProvider: IdentityProvider | undefined;
    let databaseUrl = config.databaseUrl;
    const usesDatabase = ['organization', 'planning', 'evaluation', 'reporting'].some((name) => config.services.has(name as ServiceName)) || (config.services.has('worker') && config.temporal);
    if (!databaseUrl && usesDatabase) {
      const database = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort, persistent: true, logger });
      closers.push(() => database.stop());
      databaseUrl = database.url;
    }

    if (config.services.has('organization')) {
      const openedOrm = await openOrm({ url: databaseUrl!, schema: 'organization', entities, migrations, logger });
      orm = openedOrm;
      closers.push(() => openedOrm.close());

      if (config.keycloak) {
        identityProvider = new KeycloakAdminIdentityProvider({
          baseUrl: config.keycloak.url,
          realm: config.realm,
          clientId: config.keycloak.adminClientId,
          clientSecret: config.keycloak.adminClientSecret,
        });
      } else {
        const pool = createPool(databaseUrl!, 4, logger);
        closers.push(() => pool.end());
        const idp = await startDevIdentityProvider({
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
        devIdentityProvider = idp;
        closers.push(() => idp.close());
        identityProvider = new DevIdentityProviderAdapter(idp.store);
        authServerUrl = idp.authServerUrl;
      }
      const organization = await startOrganizationService({
        orm: openedOrm,
        verifier: verifier(),
        identityProvider: identityProvider!,
        clock,
        logger: logger.child({ component: 'organization' }),
        port: config.organizationPort,
        host: config.host,
        production: config.production,
      });
      closers.push(() => organization.close());
      organizationUrl = `${organization.url}/graphql`;
    }

    /** A subgraph over its own schema of the shared database (its migrations run first). */
    const startDatabaseSubgraph = async (
      name: 'planning' | 'evaluation' | 'reporting',
      migrations: MigrationObject[],
      start: (options: { orm: Orm; verifier: TokenVerifier; clock: Clock; logger: Logger; port: number; host: string; production: boolean }) => Promise<ListeningServer>,
      port: number,
    ) => {
      const opened = await openOrm({ url: databaseUrl!, schema: name, entities: [], migrations, logger });
      closers.push(() => opened.close());
      const server = await start({ orm: opened, verifier: verifier(), clock, logger: logger.child({ component: name }), port, host: config.host, production: config.production });
      closers.push(() => server.close());
      return { orm: opened, url: `${server.url}/graphql` };
    };
    // Planning reads organization's tables, and evaluation reads planning's: they start in that order.
    const planning = config.services.has('planning')
      ? await startDatabaseSubgraph('planning', planningMigrations, startPlanningService, config.planningPort)
      : undefined;
    const evaluation = config.services.has('evaluation')
      ? await startDatabaseSubgraph('evaluation', evaluationMigrations, startEvaluationService, config.evaluationPort)
      : undefined;
    // Reporting consumes evaluation's outbox: it starts after evaluation's migrations ran.
    const reporting = config.services.has('reporting')
      ? await startDatabaseSubgraph('reporting', reportingMigrations, startReportingService, config.reportingPort)
      : undefined;
    if (config.services.has('worker') || config.services.has('evaluation')) {
      await startWorkflows(config, { databaseUrl, identityProvider, orm }, clock, logger, closers);
    }
    const planningUrl = planning?.url;
    const planningOrm = planning?.orm;
    const evaluationUrl = evaluation?.url;

    let gatewayUrl: string | undefined;
    if (config.services.has('gateway')) {
      const subgraphUrl = config.organizationUrl ?? organizationUrl;
      if (!subgraphUrl) throw new Error('ORGANIZATION_URL is required when the organization subgraph runs in another process');
      const planningSubgraphUrl = config.planningUrl ?? planningUrl;
      if (!planningSubgraphUrl) throw new Error('PLANNING_URL is required when the planning subgraph runs in another process');
      const evaluationSubgraphUrl = config.evaluationUrl ?? evaluationUrl;
      if (!evaluationSubgraphUrl) throw new Error('EVALUATION_URL is required when the evaluation subgraph runs in another process');
      const reportingSubgraphUrl = config.reportingUrl ?? reporting?.url;
      if (!reportingSubgraphUrl) throw new Error('REPORTING_URL is required when the reporting subgraph runs in another process');
      const gateway = await startGateway({
        supergraphSdl: readCommittedSupergraph(),
        subgraphUrls: { organization: subgraphUrl, planning: planningSubgraphUrl, evaluation: evaluationSubgraphUrl, reporting: reportingSubgraphUrl },
        verifier: verifier(),
        logger: logger.child({ component: 'gateway' }),
        port: config.gatewayPort,
        host: config.host,
        production: config.production,
        portal: { dir: portalDir, issuer: `${authServerUrl}/realms/${config.realm}`, clientId: config.portalClientId, now: () => clock.now() },
      });
      closers.push(() => gateway.close());
      gatewayUrl = `${gateway.url}/graphql`;
    }
    return { gatewayUrl, organizationUrl, planningUrl, evaluationUrl, reportingUrl: reporting?.url, orm, planningOrm, devIdentityProvider, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The Temporal side, when configured: the worker (with the schedules) where this process runs it,
 * and the evaluation subgraph's notices to running rounds. Without TEMPORAL_ADDRESS it says plainly
 * that orchestration is off; everything else works (the subgraphs enforce every deadline
 * themselves). `npm start` carries on when Temporal cannot be reached; a process that only runs
 * the worker fails instead.
 */
async function startWorkflows(
  config: SystemConfig,
  parts: { databaseUrl: string | undefined; identityProvider: IdentityProvider | undefined; orm: Orm | undefined },
  clock: Clock,
  logger: Logger,
  closers: (() => Promise<void>)[],
): Promise<void> {
  const log = logger.child({ component: 'workflows' });
  if (!config.temporal) {
    if (config.services.has('worker')) log.warn('orchestration is off: TEMPORAL_ADDRESS is not set. Deadlines are still enforced by the subgraphs; reminders, escalations, 360° round closing and password-deadline locks do not run.');
    return;
  }
  const temporal = config.temporal;
  try {
    const client = await connectTemporal(temporal, log, closers);
    if (config.services.has('evaluation')) {
      setEvaluationEvents({ ratingRecorded: (round, progress) => signalRating(client, round, progress) }, log);
      closers.push(async () => setEvaluationEvents(null));
    }
    if (!config.services.has('worker')) return;
    let orm = parts.orm;
    if (!orm) {
      const opened = await openOrm({ url: parts.databaseUrl!, schema: 'organization', entities, migrations, logger });
      closers.push(() => opened.close());
      orm = opened;
    }
    let identityProvider = parts.identityProvider;
    if (!identityProvider) {
      if (config.keycloak) {
        identityProvider = new KeycloakAdminIdentityProvider({ baseUrl: config.keycloak.url, realm: config.realm, clientId: config.keycloak.adminClientId, clientSecret: config.keycloak.adminClientSecret });
      } else {
        const pool = createPool(parts.databaseUrl!, 2, logger);
        closers.push(() => pool.end());
        identityProvider = new DevIdentityProviderAdapter(new DevUserStore(pool));
      }
    }
    const mailer = createMailer(readMailerConfig(process.env));
    if (mailer) closers.push(async () => mailer.close());
    else log.info('SMTP_URL is not set: notifications are stored and shown, not e-mailed');
    const orchestration = await startOrchestration(temporal, { orm, identityProvider, mailer, clock, logger: log }, client, log);
    closers.push(() => orchestration.stop());
  } catch (error) {
    if (config.production || (config.services.size === 1 && config.services.has('worker'))) throw error;
    log.warn({ err: error }, `orchestration is off: Temporal at ${temporal.address} cannot be used (${error instanceof Error ? error.message : String(error)}). Everything else keeps working.`);
  }
}
