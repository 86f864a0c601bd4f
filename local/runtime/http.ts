/**
 * The API's HTTP side: binds 127.0.0.1:PORT and hands each request, as the API Gateway REST proxy
 * event AWS would send, to the API function (conversion in local/http-front.ts).
 */
import { startHttpFront, type HttpFront } from '../http-front';

/** A listening API front. */
export type ApiFront = HttpFront;

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

/** Starts the API front on the port. */
export const startApiFront = async (options: ApiFrontOptions): Promise<ApiFront> => {
  try {
    return await startHttpFront({ port: options.port, host: options.host, handler: options.invoke });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new PortInUseError(`port ${options.port} is in use: stop what listens there, or start with another PORT`, { cause: error });
    }
    throw error;
  }
};
