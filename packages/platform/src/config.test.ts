import { ConfigError, readEnum, readInt, readString, readUrl } from './config';

describe('configuration readers', () => {
  it('fail fast and name the variable', () => {
    expect(() => readString({}, 'KEYCLOAK_ADMIN_CLIENT_SECRET')).toThrow(new ConfigError('KEYCLOAK_ADMIN_CLIENT_SECRET is required'));
    expect(() => readInt({ GATEWAY_PORT: 'abc' }, 'GATEWAY_PORT', 4000, { min: 0, max: 65535 })).toThrow(/GATEWAY_PORT must be an integer/);
    expect(() => readUrl({ KEYCLOAK_URL: 'not a url' }, 'KEYCLOAK_URL')).toThrow(/KEYCLOAK_URL must be a URL/);
    expect(() => readEnum({ NODE_ENV: 'prod' }, 'NODE_ENV', ['development', 'production'] as const, 'development')).toThrow(/NODE_ENV must be one of/);
  });

  it('use defaults only where given, and trim', () => {
    expect(readString({ HOST: ' 0.0.0.0 ' }, 'HOST', '127.0.0.1')).toBe('0.0.0.0');
    expect(readString({}, 'HOST', '127.0.0.1')).toBe('127.0.0.1');
    expect(readInt({}, 'GATEWAY_PORT', 4000, { min: 0, max: 65535 })).toBe(4000);
    expect(readUrl({ KEYCLOAK_URL: 'https://sso.example.vn/' }, 'KEYCLOAK_URL')).toBe('https://sso.example.vn');
  });
});
