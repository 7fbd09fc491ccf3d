/** TEST_DATABASE_URL (default: the local PostgreSQL of the development machine). */
export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test";
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The database named in the URL is the one we connect to for CREATE/DROP DATABASE. */
export function adminUrl(url: string): string {
  return url;
}
