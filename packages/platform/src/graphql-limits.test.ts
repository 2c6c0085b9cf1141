import { buildSchema, parse, validate } from 'graphql';
import { queryLimitRules } from './graphql-limits';

const schema = buildSchema(`type Query { node: Node } type Node { name: String child: Node }`);
const errors = (query: string, limits = { maxDepth: 3, maxAliases: 2 }) =>
  validate(schema, parse(query), queryLimitRules(limits)).map((e) => e.message);

describe('query limits', () => {
  it('accept a query at the depth limit', () => {
    expect(errors('{ node { child { name } } }')).toEqual([]);
  });

  it('refuse a query one level deeper, counting through fragments', () => {
    expect(errors('{ node { child { child { name } } } }')).toEqual(['Query depth 4 exceeds the limit of 3']);
    expect(errors('{ node { ...F } } fragment F on Node { child { child { name } } }')).toEqual(['Query depth 4 exceeds the limit of 3']);
  });

  it('refuse more aliases than allowed', () => {
    expect(errors('{ a: node { name } b: node { name } }')).toEqual([]);
    expect(errors('{ a: node { name } b: node { name } c: node { name } }')).toEqual(['Query uses 3 aliases; the limit is 2']);
  });

  it('do not count introspection meta-fields', () => {
    expect(errors('{ node { child { __typename name } } }')).toEqual([]);
  });
});
