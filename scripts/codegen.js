#!/usr/bin/env node
// GraphQL Code Generator for every subgraph: schema.graphql -> src/generated/resolvers-types.ts.
// Runs the codegen core with the typescript + typescript-resolvers plugins (federation mode).
// `--check` regenerates in memory and fails when a committed file is stale.
const { readFileSync, writeFileSync, existsSync, mkdirSync } = require('node:fs');
const { join, dirname } = require('node:path');
const { codegen } = require('@graphql-codegen/core');
const typescriptPlugin = require('@graphql-codegen/typescript');
const resolversPlugin = require('@graphql-codegen/typescript-resolvers');
const { buildASTSchema, parse } = require('graphql');

const federationDirectives = `
  directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
  directive @shareable repeatable on OBJECT | FIELD_DEFINITION
  directive @external on OBJECT | FIELD_DEFINITION
  directive @requires(fields: String!) on FIELD_DEFINITION
  directive @provides(fields: String!) on FIELD_DEFINITION
`;

const root = join(__dirname, '..');
const subgraphs = {
  organization: {
    Unit: '../entities#Unit',
    Person: '../entities#Person',
    Account: '../entities#Account',
    Jurisdiction: '../entities#Jurisdiction',
    Position: '../entities#Position',
    Transfer: '../entities#Transfer',
    AuditEntry: '../entities#AuditEntry',
    EvaluationChain: '../chain#ResolvedChain',
    InCharge: '../authority#InChargeView',
    ConcurrentPost: '../authority#ConcurrentPostView',
    Notification: '../notifications#NotificationRecord',
  },
  planning: {
    CatalogueVersion: '../records#CatalogueVersion',
    CatalogueItem: '../records#CatalogueItem',
    Plan: '../records#Plan',
    Task: '../records#Task',
    QualityReview: '../records#QualityReview',
    Delay: '../records#Delay',
    LeaderFactors: '../records#LeaderFactors',
    MonthReopening: '../records#MonthReopening',
    KpiSnapshot: '../records#KpiSnapshot',
    PlanStatusRow: '../records#PlanStatusRow',
    Person: '../records#PersonRef',
    Unit: '../records#UnitRef',
    Kpi: '../kpi#KpiResult',
    KpiItem: '../kpi#KpiItemResult',
    CatalogueImportResult: '../records#CatalogueImportResult',
  },
  evaluation: {
    EvaluationForm: '../forms#Form',
    EvaluationStatusRow: '../forms#StatusRow',
    DecisionProposal: '../decision#Proposal',
    DecisionMember: '../decision#ProposalMember',
    QuotaScope: '../quota-groups#ScopeView',
    QuotaGroup: '../quota-groups#GroupView',
    QuotaGroupMember: '../quota-groups#ScopeMember',
    Exemption: '../exemptions#Exemption',
    UnitSummary: '../workflow#UnitSummary',
    SummaryRow: '../workflow#SummaryRow',
    Appeal: '../appeals#Appeal',
    Person: '../forms#PersonRef',
    Unit: '../forms#UnitRef',
    CriteriaFrameworkVersion: '../frameworks#FrameworkVersionRow',
    ReviewRound: '../review360#Round',
    UnitAnnouncement: '../workflow#UnitAnnouncement',
    AnnouncementRow: '../workflow#AnnouncementRow',
    ReviewAssignment: '../review360#Assignment',
    ReviewRating: '../review360#Assignment',
    ReviewMinutesEntry: '../review360#MinutesEntry',
  },
  reporting: {
    Freshness: '../projection#Freshness',
    Dashboard: '../dashboards#DashboardMonth',
    UnitProgressPage: '../dashboards#UnitProgressPage',
    UnitProgress: '../dashboards#UnitProgress',
    ResultPage: '../dashboards#ResultPage',
    ResultRow: '../dashboards#ResultRow',
    SummaryList: '../resolvers/index#SummaryListValue',
    Announcement: '../documents/model#AnnouncementDocument',
    AnnouncementLine: '../documents/model#AnnouncementRow',
    PeriodRating: '../rollups#PeriodRating',
    CompetenceProfile: '../rollups#CompetenceProfile',
    BonusProposal: '../bonus#BonusProposal',
    BonusShare: '../bonus#BonusShare',
    Person: '../resolvers/index#PersonRef',
  },
};
const check = process.argv.includes('--check');

async function generate(name, mappers) {
  const dir = join(root, 'services', name);
  const sdl = readFileSync(join(dir, 'schema.graphql'), 'utf8');
  // Federation mode wants the subgraph's own types only: drop the @link header and declare the
  // federation directives it uses, instead of the full schema that buildSubgraphSchema produces.
  const own = sdl.replace(/^extend schema @link\([^)]*\)\s*$/m, '');
  const typeDefs = parse(`${federationDirectives}\n${own}`);
  const schema = buildASTSchema(typeDefs, { assumeValidSDL: true });
  const output = await codegen({
    filename: 'resolvers-types.ts',
    schema: typeDefs,
    schemaAst: schema,
    documents: [],
    plugins: [{ typescript: {} }, { 'typescript-resolvers': {} }],
    pluginMap: { typescript: typescriptPlugin, 'typescript-resolvers': resolversPlugin },
    config: {
      federation: true,
      useIndexSignature: true,
      contextType: name === 'evaluation' ? '../forms#Context' : '../context#Context',
      mappers,
      scalars: { ID: 'string' },
      mapperTypeSuffix: 'Model',
      enumsAsTypes: true,
      avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
    },
  });
  return { file: join(dir, 'src', 'generated', 'resolvers-types.ts'), text: `/* Generated by scripts/codegen.js from schema.graphql: do not edit. */\n/* eslint-disable */\n${output}` };
}

(async () => {
  let stale = 0;
  for (const [name, mappers] of Object.entries(subgraphs)) {
    const { file, text } = await generate(name, mappers);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (check) {
      if (current !== text) {
        console.error(`${file} is stale: run npm run codegen`);
        stale += 1;
      }
    } else if (current !== text) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      console.log(`wrote ${file}`);
    }
  }
  if (stale) process.exit(1);
  if (check) console.log('generated resolver types are up to date');
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
