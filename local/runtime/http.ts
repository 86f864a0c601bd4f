/**
 * The API's HTTP side: binds 127.0.0.1:PORT and hands each request, as the API Gateway REST proxy
 * event AWS would send, to the API function (conversion in local/http-front.ts).
 */
import path from 'node:path';

/** A listening API front. */
export interface ApiFront {
  readonly url: string;
  close(): Promise<void>;
}

/** Options of the API front. */
export interface ApiFrontOptions {
  readonly port: number;
  readonly host: string;
  /** Invokes the API function with a proxy event; resolves to its proxy result. */
  readonly invoke: (event: unknown) => Promise<unknown>;
}

/** Thrown when the port is taken. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}

type FrontModule = Record<string, unknown>;

/** Starts the API front on the port. */
export const startApiFront = async (options: ApiFrontOptions): Promise<ApiFront> => {
  const mod = (await import(path.join(__dirname, '..', 'http-front'))) as FrontModule;
  const start = (mod.startHttpFront ?? mod.startLocalApi ?? mod.startApiFront) as
    | ((o: { port: number; host: string; handler: (event: unknown) => Promise<unknown> }) => Promise<{ url: string; close(): Promise<void> }>)
    | undefined;
  if (!start) throw new Error('local/http-front.ts exports no HTTP front');
  try {
    return await start({ port: options.port, host: options.host, handler: options.invoke });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new PortInUseError(`port ${options.port} is in use: stop what listens there or set PORT`, { cause: error });
    }
    throw error;
  }
};
