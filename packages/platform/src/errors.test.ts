import { GraphQLError } from 'graphql';
import { badInput, codedError, maskError, unauthenticated } from './errors';

describe('coded errors', () => {
  it('name the field of bad input', () => {
    const error = badInput('input.name', 'must not be empty');
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(error.message).toBe('input.name: must not be empty');
  });

  it('carry HTTP 401 for UNAUTHENTICATED', () => {
    expect(unauthenticated().extensions).toMatchObject({ code: 'UNAUTHENTICATED', http: { status: 401 } });
  });
});

describe('maskError', () => {
  it('passes coded errors with their code and message, without stack or http details', () => {
    const logged: unknown[] = [];
    const formatted = { message: 'x: nope', extensions: { code: 'FORBIDDEN', stacktrace: ['at secret.ts:1'], http: { status: 403 } } };
    const masked = maskError(formatted, new GraphQLError('x'), (_f, original) => logged.push(original));
    expect(masked).toEqual({ message: 'x: nope', locations: undefined, path: undefined, extensions: { code: 'FORBIDDEN' } });
    expect(logged).toHaveLength(0);
  });

  it('masks anything uncoded as INTERNAL_SERVER_ERROR and hands the original to the logger', () => {
    const logged: unknown[] = [];
    const original = new Error('relation "organization.secret" does not exist');
    const masked = maskError({ message: original.message, path: ['me'], extensions: { stacktrace: ['…'] } }, original, (_f, o) => logged.push(o));
    expect(masked).toEqual({ message: 'Internal server error', path: ['me'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(logged).toEqual([original]);
  });

  it('masks unknown codes too', () => {
    const masked = maskError({ message: 'boom', extensions: { code: 'SOMETHING_ODD' } }, null, () => undefined);
    expect(masked.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(codedError('CONFLICT', 'c').extensions.code).toBe('CONFLICT');
  });
});
