import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

const root = join(__dirname, '..', '..');

/** Every subgraph, its SDL file and the environment variable that overrides its URL. */
export const subgraphs = [
  { name: 'organization', schemaFile: 'services/organization/schema.graphql', urlVariable: 'ORGANIZATION_URL', defaultUrl: 'http://localhost:4001/graphql' },
  { name: 'planning', schemaFile: 'services/planning/schema.graphql', urlVariable: 'PLANNING_URL', defaultUrl: 'http://localhost:4002/graphql' },
  { name: 'evaluation', schemaFile: 'services/evaluation/schema.graphql', urlVariable: 'EVALUATION_URL', defaultUrl: 'http://localhost:4003/graphql' },
  { name: 'reporting', schemaFile: 'services/reporting/schema.graphql', urlVariable: 'REPORTING_URL', defaultUrl: 'http://localhost:4004/graphql' },
] as const;

export const supergraphFile = join(root, 'gateway', 'supergraph.graphql');

/**
 * Composes the supergraph from the committed subgraph SDL files. The routing URLs written into the
 * artifact are the defaults; the gateway overrides them from its configuration at start-up.
 */
export function composeSupergraph(): string {
  const result = composeServices(
    subgraphs.map((subgraph) => ({
      name: subgraph.name,
      url: subgraph.defaultUrl,
      typeDefs: parse(readFileSync(join(root, subgraph.schemaFile), 'utf8')),
    })),
  );
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

export const readCommittedSupergraph = (): string => readFileSync(supergraphFile, 'utf8');
