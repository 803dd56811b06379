/** Types of scripts/browser-setup.mjs (the project type-checks without `allowJs`). */

/** The I/O `ensureChromium` needs, injected so that tests can fake it. */
export interface BrowserIo {
  /** The browser's path (`chromiumPath()`). */
  path: string;
  exists(path: string): boolean;
  isRoot: boolean;
  /** Runs a command with extra environment variables; `true` when it exited 0. */
  run(command: string, args: string[], env: Record<string, string>): boolean;
  /** Prints one line. */
  log(line: string): void;
}

export declare const DEFAULT_CHROMIUM_PATH: string;
export declare const INSTALL_HINT: string;
export declare const BROWSER_SUITES: string[];
export declare const NODE_PROJECTS: string[];
export declare function chromiumPath(env?: Record<string, string | undefined>): string;
export declare function ensureChromium(io: BrowserIo): { available: boolean; installed: boolean };
export declare function prepareTestRun(io: BrowserIo): { browser: boolean; vitestProjects: string[]; skippedBrowserSuites: string[] };
