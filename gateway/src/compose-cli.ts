import { existsSync, writeFileSync } from 'node:fs';
import { composeSupergraph, readCommittedSupergraph, supergraphFile } from './composition';

// `npm run compose` writes gateway/supergraph.graphql; `npm run compose:check` fails when it is stale.
const mode = process.argv[2];
try {
  const composed = composeSupergraph();
  if (mode === 'write') {
    writeFileSync(supergraphFile, composed);
    console.log(`wrote ${supergraphFile}`);
  } else if (mode === 'check') {
    if (!existsSync(supergraphFile) || readCommittedSupergraph() !== composed) {
      console.error(`${supergraphFile} is stale: run npm run compose and commit it`);
      process.exit(1);
    }
    console.log('supergraph is up to date and composes');
  } else {
    console.error('usage: compose-cli write|check');
    process.exit(2);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
