import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations from the committed supergraph (npm test checks that this output is current).
const config: CodegenConfig = {
  schema: '../gateway/supergraph.graphql',
  documents: ['src/**/*.tsx', 'src/**/*.ts', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': { preset: 'client', config: { useTypeImports: true, enumsAsTypes: true }, presetConfig: { fragmentMasking: false } },
  },
};
export default config;
