import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * The one registry of error codes a client can see. Every error that leaves a process carries one of
 * these in `extensions.code`; anything else is masked as INTERNAL_SERVER_ERROR.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  DEADLINE_PASSED: 'DEADLINE_PASSED',
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  IDENTITY_PROVIDER_UNAVAILABLE: 'IDENTITY_PROVIDER_UNAVAILABLE',
  // Produced by Apollo itself for malformed requests; listed so they pass the mask untouched.
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  BAD_REQUEST: 'BAD_REQUEST',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const httpStatus: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  IDENTITY_PROVIDER_UNAVAILABLE: 503,
};

export function codedError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  const status = httpStatus[code];
  return new GraphQLError(message, {
    extensions: { code, ...extra, ...(status ? { http: { status } } : {}) },
  });
}

export const unauthenticated = (reason = 'Authentication required') => codedError('UNAUTHENTICATED', reason);
export const forbidden = (message: string) => codedError('FORBIDDEN', message);
/** Invalid input; `field` names the offending argument path so a form can highlight it. */
export const badInput = (field: string, message: string) =>
  codedError('BAD_USER_INPUT', `${field}: ${message}`, { field });
export const notFound = (field: string, what: string, id: string) =>
  codedError('NOT_FOUND', `${field}: ${what} ${id} does not exist`, { field });
export const conflict = (message: string) => codedError('CONFLICT', message);
export const deadlinePassed = (message: string, deadline: string) =>
  codedError('DEADLINE_PASSED', message, { deadline });

const knownCodes = new Set<string>(Object.values(ErrorCode));

/**
 * Apollo `formatError` for every process: coded errors pass with their message and code only;
 * anything else (a bug, a driver error) is logged by the caller and reaches the client as a bare
 * INTERNAL_SERVER_ERROR, never with a stack trace or SQL.
 */
export function maskError(
  formatted: GraphQLFormattedError,
  original: unknown,
  onInternal: (formatted: GraphQLFormattedError, original: unknown) => void,
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && knownCodes.has(code) && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _stack, exception: _exception, http: _http, ...extensions } = formatted.extensions ?? {};
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  onInternal(formatted, original);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
