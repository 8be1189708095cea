// What the parts of the app share: the logger, and the shape of a started front end. Each part
// is constructed with exactly what it uses (see core.ts and main.ts); front ends never reach into
// each other.

export interface Logger {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

export const consoleLogger: Logger = {
  info: (l) => console.log(l),
  warn: (l) => console.warn(l),
  error: (l) => console.error(l),
};

/** A started front end. */
export interface RunningFrontEnd {
  name: string;
  /** Where it listens, for the start-up log. */
  address?: string;
  stop(): Promise<void>;
}
