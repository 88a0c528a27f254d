import { EmbeddedPostgres } from './embedded/embedded-postgres';

/** Where the service's PostgreSQL is: a server from DATABASE_URL, or the embedded one. */
export interface DatabaseEndpoint {
  readonly kind: 'postgres' | 'embedded';
  readonly connectionString: string;
  /** Stops what this process started (the embedded database); a no-op for a server. */
  close(): Promise<void>;
}

export async function openDatabaseEndpoint(options: {
  databaseUrl?: string;
  dataDir: string;
  onEmbeddedCrash?: (error: Error) => void;
}): Promise<DatabaseEndpoint> {
  if (options.databaseUrl) {
    return {
      kind: 'postgres',
      connectionString: options.databaseUrl,
      close: async () => undefined,
    };
  }
  const embedded = await EmbeddedPostgres.start(options.dataDir, options.onEmbeddedCrash);
  return {
    kind: 'embedded',
    connectionString: embedded.connectionString,
    close: () => embedded.close(),
  };
}
